"""Settings for the load test (bench/loadtest.py): the production settings, with the
minimal view of bench/urls.py added, served over plain http on 127.0.0.1.

    DJANGO_SETTINGS_MODULE=bench.settings gunicorn samenplan.wsgi:application
"""

from samenplan.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1"]
# Production sits behind a TLS proxy; the load test talks http to 127.0.0.1 straight, and
# a client sends a Secure cookie over https only (the CSRF cookie of the logbook form too).
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
