from django.urls import path

from . import views

app_name = "reminders"

plan = "plan/<int:plan_id>/"

urlpatterns = [
    path(plan + "doelen/check-in/", views.settings_page, name="settings"),
    path(plan + "doelen/check-in/stoppen/", views.stop, name="stop"),
    path(plan + "doelen/hoe-gaat-het/", views.check_in, name="check_in"),
]
