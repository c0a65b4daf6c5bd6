from django.urls import path

from . import views

app_name = "plantemplates"

plan = "plan/<int:plan_id>/"

urlpatterns = [
    path(plan + "aandoeningen/", views.conditions, name="conditions"),
    path(plan + "aandoeningen/labels/", views.tag, name="tag"),
    path(plan + "aandoeningen/doel-overnemen/", views.take_over_goal, name="take_over_goal"),
    path("praktijk/sjablonen/", views.manage, name="manage"),
    path("praktijk/sjablonen/nieuw/", views.edit_template, name="add_template"),
    path("praktijk/sjablonen/<int:template_id>/", views.edit_template, name="edit_template"),
    path("praktijk/sjablonen/kopie/<int:copy_of>/", views.edit_template, name="copy_template"),
]
