from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("plan/<int:plan_id>/wie-keek/", views.accesses, name="accesses"),
]
