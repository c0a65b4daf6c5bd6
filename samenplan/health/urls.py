from django.urls import path

from . import views

app_name = "health"

plan = "plan/<int:plan_id>/"

urlpatterns = [
    path(plan + "logboek/", views.logbook, name="logbook"),
    path(plan + "logboek/grafiek.svg", views.logbook_chart, name="logbook_chart"),
    path(plan + "logboek/nieuw/", views.edit_log_entry, name="add_log_entry"),
    path(plan + "logboek/<int:entry_id>/", views.edit_log_entry, name="edit_log_entry"),
    path(plan + "logboek/<int:entry_id>/verwijderen/", views.delete_log_entry,
         name="delete_log_entry"),
]
