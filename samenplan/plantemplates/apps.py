from django.apps import AppConfig


class PlanTemplatesConfig(AppConfig):
    name = "samenplan.plantemplates"
    label = "plantemplates"
    verbose_name = "Plan templates and conditions"
