from django.urls import path

from . import caseload

app_name = "caseload"

urlpatterns = [
    path("praktijk/mijn-patienten/", caseload.caseload_list, name="list"),
]
