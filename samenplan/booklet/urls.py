from django.urls import path

from . import views

app_name = "booklet"

urlpatterns = [
    path("plan/<int:plan_id>/boekje/", views.choose, name="choose"),
    path("plan/<int:plan_id>/boekje/pdf/", views.booklet, name="pdf"),
]
