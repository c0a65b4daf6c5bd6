from django.apps import AppConfig


class FhirApiConfig(AppConfig):
    name = "samenplan.fhirapi"
    label = "fhirapi"
    verbose_name = "FHIR R4 API"
