from django.apps import AppConfig


class BookletConfig(AppConfig):
    name = "samenplan.booklet"
    label = "booklet"
