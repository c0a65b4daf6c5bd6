from django.urls import path

from . import views

app_name = "plantemplates"

plan = "plan/<int:plan_id>/"

urlpatterns = [
    path(plan + "aandoeningen/", views.conditions, name="conditions"),
    path(plan + "aandoeningen/labels/", views.tag, name="tag"),
    path(plan + "aandoeningen/doel-overnemen/", views.take_over_goal, name="take_over_goal"),
    path("praktijk/sjablonen/", views.manage, name="manage"),
    # ?sjabloon=<id> changes a template, ?kopie=<id> copies a built-in one.
    path("praktijk/sjablonen/sjabloon/", views.edit_template, name="edit_template"),
]
