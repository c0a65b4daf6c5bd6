from django.urls import path

from . import consult

app_name = "consult"

urlpatterns = [
    path("plan/<int:plan_id>/consult/", consult.consult_view, name="view"),
]
