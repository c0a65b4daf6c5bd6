"""The patient decides whether a naaste may act for them."""

from django.urls import reverse

from samenplan.plans.models import Goal, Membership


def url(plan, user):
    membership = Membership.objects.get(plan=plan, user=user, removed_at=None)
    return reverse("plans:set_may_act", args=[plan.pk, membership.pk])


def test_it_lets_the_patient_allow_a_naaste_to_act(plan, bystander, as_user):
    response = as_user(bystander).post(reverse("plans:add_goal", args=[plan.pk]),
                                       {"text": "Zelf koken"})
    assert response.status_code == 403

    as_user(plan.memberships.get(role="patient").user).post(url(plan, bystander),
                                                            {"may_act": "1"})

    response = as_user(bystander).post(reverse("plans:add_goal", args=[plan.pk]),
                                       {"text": "Zelf koken"})
    assert response.status_code == 302
    assert Goal.objects.filter(plan=plan, text="Zelf koken").exists()


def test_it_takes_the_right_back_at_once(plan, patient, naaste, as_user):
    as_user(patient).post(url(plan, naaste), {"may_act": "0"})

    response = as_user(naaste).post(reverse("plans:add_goal", args=[plan.pk]),
                                    {"text": "Zelf koken"})
    assert response.status_code == 403
    assert not Goal.objects.filter(text="Zelf koken").exists()


def test_only_the_patient_decides(plan, naaste, bystander, provider, as_user):
    for user in (naaste, provider):
        response = as_user(user).post(url(plan, bystander), {"may_act": "1"})
        assert response.status_code == 403
    assert not Membership.objects.get(plan=plan, user=bystander).may_act_for_patient


def test_it_refuses_a_member_of_another_plan(plan, naaste, outsider, as_user):
    response = as_user(outsider).post(url(plan, naaste), {"may_act": "0"})
    assert response.status_code == 404
    assert Membership.objects.get(plan=plan, user=naaste).may_act_for_patient
