from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "samenplan.reminders"
    label = "reminders"
    verbose_name = "Check-ins and reminders between consults"
