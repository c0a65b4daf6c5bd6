from django.urls import path

from . import consult, preparation

app_name = "consult"

urlpatterns = [
    path("plan/<int:plan_id>/consult/", consult.consult_view, name="view"),
    path("plan/<int:plan_id>/agenda/voorbereiden/", preparation.prepare, name="prepare"),
]
