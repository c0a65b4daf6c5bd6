from django.urls import path

from .views import measurements as measurement_views
from .views import overviews as views

app_name = "health"

plan = "plan/<int:plan_id>/"

urlpatterns = [
    path(plan + "logboek/", views.logbook, name="logbook"),
    path(plan + "logboek/grafiek.svg", views.logbook_chart, name="logbook_chart"),
    path(plan + "logboek/nieuw/", views.edit_log_entry, name="add_log_entry"),
    path(plan + "logboek/<int:entry_id>/", views.edit_log_entry, name="edit_log_entry"),
    path(plan + "logboek/<int:entry_id>/verwijderen/", views.delete_log_entry,
         name="delete_log_entry"),
    path(plan + "agenda/", views.agenda, name="agenda"),
    path(plan + "agenda/nieuw/", views.edit_appointment, name="add_appointment"),
    path(plan + "agenda/<int:appointment_id>/", views.edit_appointment, name="edit_appointment"),
    path(plan + "agenda/<int:appointment_id>/verwijderen/", views.delete_appointment,
         name="delete_appointment"),
    path(plan + "agenda/<int:appointment_id>/afspraak.ics", views.appointment_ics,
         name="appointment_ics"),
    path(plan + "agenda/agenda-app/aan/", views.start_calendar_feed, name="start_calendar_feed"),
    path(plan + "agenda/agenda-app/uit/", views.stop_calendar_feed, name="stop_calendar_feed"),
    path(plan + "medicijnen/", views.medicines, name="medicines"),
    path(plan + "medicijnen/nieuw/", views.edit_medication, name="add_medication"),
    path(plan + "medicijnen/<int:medication_id>/", views.edit_medication,
         name="edit_medication"),
    path(plan + "medicijnen/<int:medication_id>/aantekening/", views.edit_medication_note,
         name="edit_medication_note"),
    path(plan + "uitslagen/", views.results, name="results"),
    path(plan + "uitslagen/grafiek.svg", views.result_chart, name="result_chart"),
    path(plan + "uitslagen/nieuw/", views.edit_result, name="add_result"),
    path(plan + "uitslagen/<int:result_id>/", views.edit_result, name="edit_result"),
    path(plan + "metingen/", measurement_views.overview, name="measurements"),
    path(plan + "metingen/<str:kind>/", measurement_views.kind_page, name="measurement_kind"),
    path(plan + "metingen/<str:kind>/grafiek.svg", measurement_views.chart,
         name="measurement_chart"),
    path(plan + "metingen/<str:kind>/nieuw/", measurement_views.edit_measurement,
         name="add_measurement"),
    path(plan + "metingen/<str:kind>/streefwaarde/", measurement_views.add_target,
         name="add_target"),
    path(plan + "meting/<int:measurement_id>/", measurement_views.edit_measurement,
         name="edit_measurement"),
    path(plan + "meting/<int:measurement_id>/verwijderen/",
         measurement_views.delete_measurement, name="delete_measurement"),
    # The private address a calendar app subscribes to: the secret in it is the key.
    path("agenda/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
