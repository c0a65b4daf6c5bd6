from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "samenplan.reminders"
    label = "reminders"
    verbose_name = "Check-ins and reminders between consults"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
