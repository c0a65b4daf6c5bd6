"""Preparing a consult (D4, D5): some days before an appointment the person writes down
what they want to discuss and gives their own scores, in a few minutes on a phone. The
provider reads it in the consult view."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenplan.health.actions import do_save_appointment
from samenplan.lib.forms import Form
from samenplan.plans.actions import do_save_domain
from samenplan.plans.constants import domains_for
from samenplan.plans.models import LONG, DomainNote
from samenplan.plans.queries import actor_for
from samenplan.plans.views.common import render_plan_page

from .consults import appointment_to_prepare

SCORE_PREFIX = "cijfer-"


class PreparationForm(Form):
    questions = forms.CharField(
        label=_("Wat wil ik bespreken?"), required=False, max_length=LONG,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bijvoorbeeld: wat gaat goed, wat is lastig, wat wil ik vragen."))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name, _help in domains_for(plan.domain_set):
            self.fields[SCORE_PREFIX + code] = forms.IntegerField(
                label=name, required=False, min_value=0, max_value=10,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
        self.style_fields()

    def scores(self):
        return {name.removeprefix(SCORE_PREFIX): value
                for name, value in self.cleaned_data.items()
                if name.startswith(SCORE_PREFIX) and value is not None}


@transaction.atomic
def do_prepare_consult(actor, appointment, questions, scores):
    """Save the questions for this appointment and a new score per domain given."""
    if questions != appointment.questions:
        appointment.questions = questions
        do_save_appointment(actor, appointment)
    notes = {(n.domain, n.section): n.text for n in actor.plan.domain_notes.all()}
    today = timezone.localdate()
    for domain, score in scores.items():
        do_save_domain(actor, domain, notes.get((domain, DomainNote.WHAT_MATTERS), ""),
                       notes.get((domain, DomainNote.SUPPORT_NEEDS), ""), score, today)


@login_required
def prepare(request, plan_id):
    actor = actor_for(request, plan_id, "agenda")
    appointment = appointment_to_prepare(actor.plan, actor.membership)
    if not actor.membership.acts_for_patient:
        raise PermissionDenied
    if appointment is None:
        messages.info(request, _("Er is de komende dagen geen afspraak om voor te bereiden."))
        return redirect("health:agenda", plan_id)
    form = PreparationForm(request.POST or None, plan=actor.plan,
                           initial={"questions": appointment.questions})
    if request.method == "POST" and form.is_valid():
        do_prepare_consult(actor, appointment, form.cleaned_data["questions"], form.scores())
        messages.success(request, _("Dank u. Uw zorgverlener ziet dit bij de afspraak."))
        return redirect("plans:overview", plan_id)
    return render_plan_page(request, "practice/prepare.html", actor, "agenda", form=form,
                            appointment=appointment)
