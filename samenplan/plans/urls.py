from django.urls import path

from . import views

app_name = "plans"

plan = "plan/<int:plan_id>/"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/nieuw/", views.start_plan, name="start"),
    path("plan/mijn-plan/", views.create_own_plan, name="create_own"),
    path("uitnodiging/<str:token>/", views.invitation, name="invitation"),
    path("uitnodiging/<str:token>/liever-niet/", views.decline_invitation, name="decline"),
    path(plan, views.overview, name="overview"),
    path(plan + "gegevens/", views.profile, name="profile"),
    path(plan + "gegevens/bewerken/", views.edit_profile, name="edit_profile"),
    path(plan + "gegevens/over-dit-plan/", views.edit_plan_data, name="edit_plan_data"),
    path(plan + "gegevens/indicatie/nieuw/", views.edit_indication, name="add_indication"),
    path(plan + "gegevens/indicatie/<int:indication_id>/", views.edit_indication,
         name="edit_indication"),
    path(plan + "gegevens/contact/nieuw/", views.edit_contact, name="add_contact"),
    path(plan + "gegevens/contact/<int:contact_id>/", views.edit_contact, name="edit_contact"),
    path(plan + "gegevens/contact/<int:contact_id>/verwijderen/", views.delete_contact,
         name="delete_contact"),
    path(plan + "leven/", views.domains, name="domains"),
    path(plan + "leven/indeling/", views.choose_domain_set, name="domain_set"),
    path(plan + "leven/<slug:domain>/", views.edit_domain, name="edit_domain"),
    path(plan + "doelen/", views.goals, name="goals"),
    path(plan + "doelen/nieuw/", views.edit_goal, name="add_goal"),
    path(plan + "doelen/<int:goal_id>/", views.edit_goal, name="edit_goal"),
    path(plan + "afspraken/", views.action_list, name="actions"),
    path(plan + "afspraken/nieuw/", views.edit_action, name="add_action"),
    path(plan + "afspraken/<int:action_id>/", views.edit_action, name="edit_action"),
    path(plan + "afspraken/<int:action_id>/akkoord/", views.confirm_action,
         name="confirm_action"),
    path(plan + "terugkijken/", views.evaluations, name="evaluations"),
    path(plan + "terugkijken/nieuw/", views.new_evaluation, name="add_evaluation"),
    path(plan + "wie-doen-mee/", views.members, name="members"),
    path(plan + "wie-doen-mee/<int:membership_id>/verwijderen/", views.remove_member,
         name="remove_member"),
    path(plan + "wie-doen-mee/<int:membership_id>/namens-mij/", views.set_may_act,
         name="set_may_act"),
    path(plan + "wie-doen-mee/uitnodiging/<int:invitation_id>/intrekken/",
         views.revoke_invitation, name="revoke_invitation"),
    path(plan + "wat-is-veranderd/", views.history, name="history"),
]
