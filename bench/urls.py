"""The app's pages, plus /bench/ceiling/: a minimal view behind the same middleware
(session, login, second factor, CSP, ...), whose throughput is the ceiling that the load
test compares every page with. Only bench/settings.py uses these; samenplan/urls.py does
not have the ceiling."""

from django.http import HttpResponse
from django.urls import path

from samenplan.urls import urlpatterns as app_urlpatterns


def ceiling(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [*app_urlpatterns, path("bench/ceiling/", ceiling, name="bench_ceiling")]
