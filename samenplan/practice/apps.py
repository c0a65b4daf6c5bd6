from django.apps import AppConfig


class PracticeConfig(AppConfig):
    name = "samenplan.practice"
    label = "practice"
    verbose_name = "The provider's day: caseload, consult view, outcome indicators"
