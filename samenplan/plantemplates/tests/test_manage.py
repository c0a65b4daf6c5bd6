"""Organisation administrators manage their own templates; built-in ones are read-only."""

from django.urls import reverse

from samenplan.accounts.models import Organisation
from samenplan.conftest import make_user
from samenplan.plantemplates.models import PlanTemplate, TemplateManager

MANAGE = reverse("plantemplates:manage")
ADD = reverse("plantemplates:edit_template")


def make_manager(provider):
    organisation = provider.organisations.get()
    TemplateManager.objects.create(user=provider, organisation=organisation)
    return organisation


def test_a_provider_admin_creates_a_template_for_their_organisation(as_user, provider):
    organisation = make_manager(provider)
    client = as_user(provider)
    assert client.get(MANAGE).status_code == 200
    response = client.post(ADD, {
        "organisation": organisation.pk, "name": "Hartfalen", "condition": "Hartfalen",
        "description": "Voor mensen met hartfalen.", "domain_set": "positive_health",
        "measurement_kinds": ["weight", "blood_pressure"],
        "targets_text": "blood_pressure,,140,,90", "example_goals_text":
        "Ik wil minder vocht vasthouden.\nIk wil elke dag wandelen.", "active": "on"})
    assert response.status_code == 302
    template = PlanTemplate.objects.get(name="Hartfalen")
    assert template.organisation == organisation
    assert template.measurement_kinds == ["weight", "blood_pressure"]
    assert template.targets == [{"kind": "blood_pressure", "low": None, "high": "140",
                                 "second_low": None, "second_high": "90"}]
    assert template.example_goals == ["Ik wil minder vocht vasthouden.",
                                      "Ik wil elke dag wandelen."]
    assert "Hartfalen" in client.get(MANAGE).content.decode()


def test_a_staff_provider_is_an_admin_of_their_organisations(as_user, provider):
    provider.is_staff = True
    provider.save()
    assert "Nieuw sjabloon" in as_user(provider).get(MANAGE).content.decode()


def test_a_provider_who_is_no_admin_only_sees_the_templates(as_user, provider):
    client = as_user(provider)
    page = client.get(MANAGE).content.decode()
    assert "Diabetes type 2" in page and "Nieuw sjabloon" not in page
    assert client.get(ADD).status_code == 403


def test_a_template_of_another_organisation_is_not_visible_nor_editable(as_user, provider):
    organisation = make_manager(provider)
    other = Organisation.objects.create(name="Andere praktijk")
    theirs = PlanTemplate.objects.create(organisation=other, name="Geheim sjabloon")
    client = as_user(provider)
    assert "Geheim sjabloon" not in client.get(MANAGE).content.decode()
    edit = f"{ADD}?sjabloon={theirs.pk}"
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"organisation": organisation.pk, "name": "Van mij"}
                       ).status_code == 404
    # Nor can one be made for another organisation.
    client.post(ADD, {"organisation": other.pk, "name": "Ook geheim",
                      "domain_set": "positive_health"})
    assert not PlanTemplate.objects.filter(name="Ook geheim").exists()
    theirs.refresh_from_db()
    assert theirs.name == "Geheim sjabloon"


def test_built_in_templates_are_read_only_but_can_be_copied(as_user, provider):
    organisation = make_manager(provider)
    diabetes = PlanTemplate.objects.get(organisation=None, name="Diabetes type 2")
    client = as_user(provider)
    assert client.get(f"{ADD}?sjabloon={diabetes.pk}").status_code == 404
    copy = f"{ADD}?kopie={diabetes.pk}"
    page = client.get(copy).content.decode()
    assert "Diabetes type 2 (kopie)" in page and "hba1c,,53" in page
    client.post(copy, {"organisation": organisation.pk, "name": "Diabetes bij ons",
                       "condition": "Diabetes type 2", "domain_set": "positive_health",
                       "targets_text": "hba1c,,53", "active": "on"})
    assert PlanTemplate.objects.get(name="Diabetes bij ons").organisation == organisation
    diabetes.refresh_from_db()
    assert diabetes.name == "Diabetes type 2"


def test_an_organisation_template_is_offered_in_the_plans_of_its_providers(
        as_user, patient, provider, plan):
    organisation = make_manager(provider)
    PlanTemplate.objects.create(organisation=organisation, name="Hartfalen",
                                condition="Hartfalen")
    PlanTemplate.objects.create(organisation=Organisation.objects.create(name="Ander"),
                                name="Niet hier", condition="Niet hier")
    page = as_user(patient).get(reverse("plantemplates:conditions", args=[plan.pk]))
    assert "Hartfalen" in page.content.decode()
    assert "Niet hier" not in page.content.decode()


def test_the_manage_page_requires_login_and_a_provider(client, as_user, patient):
    assert client.get(MANAGE).status_code == 302
    assert as_user(patient).get(MANAGE).status_code == 403
    assert as_user(make_user("x@example.org", "X")).get(ADD).status_code == 403
