from django.urls import path

from . import indicator_views as views

app_name = "indicators"

urlpatterns = [
    path("praktijk/uitkomsten/", views.organisation, name="organisation"),
    path("praktijk/uitkomsten/uitkomsten.csv", views.export_csv, name="csv"),
    path("praktijk/uitkomsten/trechter.svg", views.funnel_chart, name="funnel_chart"),
    path("praktijk/uitkomsten/procenten.svg", views.shares_chart, name="shares_chart"),
    path("plan/<int:plan_id>/ervaring/", views.questionnaire, name="questionnaire"),
]
