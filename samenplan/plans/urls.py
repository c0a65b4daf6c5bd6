from django.urls import path

from .views import content, members, profile, rights, start, tailor

app_name = "plans"

plan = "plan/<int:plan_id>/"

urlpatterns = [
    path("", start.home, name="home"),
    path("plan/nieuw/", start.start_plan, name="start"),
    path("plan/mijn-plan/", start.create_own_plan, name="create_own"),
    path("uitnodiging/<str:token>/", members.invitation, name="invitation"),
    path("uitnodiging/<str:token>/liever-niet/", members.decline_invitation, name="decline"),
    path(plan, start.overview, name="overview"),
    path(plan + "op-maat/", tailor.tailor, name="tailor"),
    path(plan + "gegevens/", profile.profile, name="profile"),
    path(plan + "gegevens/bewerken/", profile.edit_profile, name="edit_profile"),
    path(plan + "gegevens/over-dit-plan/", profile.edit_plan_data, name="edit_plan_data"),
    path(plan + "gegevens/indicatie/nieuw/", profile.edit_indication, name="add_indication"),
    path(plan + "gegevens/indicatie/<int:indication_id>/", profile.edit_indication,
         name="edit_indication"),
    path(plan + "gegevens/contact/nieuw/", profile.edit_contact, name="add_contact"),
    path(plan + "gegevens/contact/<int:contact_id>/", profile.edit_contact, name="edit_contact"),
    path(plan + "gegevens/contact/<int:contact_id>/verwijderen/", profile.delete_contact,
         name="delete_contact"),
    path(plan + "gegevens/downloaden/", rights.download, name="download"),
    path(plan + "gegevens/plan-sluiten/", rights.close, name="close"),
    path(plan + "leven/", content.domains, name="domains"),
    path(plan + "leven/cijfers.svg", content.domain_scores_chart, name="domain_scores_chart"),
    path(plan + "leven/indeling/", content.choose_domain_set, name="domain_set"),
    path(plan + "leven/<slug:domain>/", content.edit_domain, name="edit_domain"),
    path(plan + "doelen/", content.goals, name="goals"),
    path(plan + "doelen/nieuw/", content.edit_goal, name="add_goal"),
    path(plan + "doelen/<int:goal_id>/", content.edit_goal, name="edit_goal"),
    path(plan + "afspraken/", content.action_list, name="actions"),
    path(plan + "afspraken/nieuw/", content.edit_action, name="add_action"),
    path(plan + "afspraken/<int:action_id>/", content.edit_action, name="edit_action"),
    path(plan + "afspraken/<int:action_id>/akkoord/", content.confirm_action,
         name="confirm_action"),
    path(plan + "terugkijken/", content.evaluations, name="evaluations"),
    path(plan + "terugkijken/nieuw/", content.new_evaluation, name="add_evaluation"),
    path(plan + "wie-doen-mee/", members.members, name="members"),
    path(plan + "wie-doen-mee/<int:membership_id>/verwijderen/", members.remove_member,
         name="remove_member"),
    path(plan + "wie-doen-mee/<int:membership_id>/namens-mij/", members.set_may_act,
         name="set_may_act"),
    path(plan + "wie-doen-mee/<int:membership_id>/delen/", members.share, name="share"),
    path(plan + "wie-doen-mee/uitnodiging/<int:invitation_id>/intrekken/",
         members.revoke_invitation, name="revoke_invitation"),
    path(plan + "wat-is-veranderd/", content.history, name="history"),
]
