from django.urls import path, re_path

from . import import_views, views

app_name = "fhirapi"

TYPE = r"(?P<resource_type>[A-Z][A-Za-z]{1,40})"
ID = r"(?P<resource_id>[A-Za-z0-9\-.]{1,64})"

urlpatterns = [
    re_path(r"^fhir/?$", views.transaction_view, name="transaction"),
    path("fhir/metadata", views.metadata, name="metadata"),
    re_path(rf"^fhir/Patient/{ID}/\$everything$", views.everything, name="everything"),
    re_path(rf"^fhir/CodeSystem/{ID}$", views.code_system, name="code_system"),
    re_path(rf"^fhir/{TYPE}/{ID}$", views.read, name="read"),
    re_path(rf"^fhir/{TYPE}$", views.search_type, name="search"),
    path("plan/<int:plan_id>/gegevens/toevoegen-uit-bestand/", import_views.import_file,
         name="import"),
]
