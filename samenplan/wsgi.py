import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samenplan.settings")
application = get_wsgi_application()

# Import every view now (and with them the FHIR models, hundreds of classes), then move
# all that was loaded out of the garbage collector's sight: those objects live as long as
# the process, and the collector looked at all of them again and again while a large
# request (a year of a plan as FHIR) made its thousands of short-lived objects. That
# took $everything from 216 to 133 ms (docs/performance.md). It also keeps the memory of
# forked workers shared.
get_resolver().url_patterns  # noqa: B018 (loads the URL configuration and its views)
gc.freeze()
