from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("samenplan.accounts.urls")),
    path("", include("samenplan.plans.urls")),
    path("", include("samenplan.health.urls")),
    path("", include("samenplan.audit.urls")),
    path("", include("samenplan.booklet.urls")),
    path("", include("samenplan.fhirapi.access_urls")),
    path("", include("samenplan.fhirapi.urls")),
    path("", include("samenplan.reminders.urls")),
    path("", include("samenplan.practice.caseload_urls")),
    path("", include("samenplan.practice.indicator_urls")),
    path("", include("samenplan.practice.consult_urls")),
    path("", include("samenplan.plantemplates.urls")),
]
