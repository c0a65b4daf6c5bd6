"""The check-in pages: the choices (on or off, how often, which goals), the check-in itself,
and stopping with one click from the e-mail. All are part of "goals" (see actions.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from samenplan.plans.constants import GoalStatus
from samenplan.plans.queries import actor_for
from samenplan.plans.views.common import render_plan_page, require_write

from . import actions
from .forms import CheckInForm, SettingsForm
from .queries import check_in_plan_of

SECTION = actions.SECTION


def _actor(request, plan_id):
    """Only who may fill in the goals comes here; others get 403, another plan 404."""
    actor = actor_for(request, plan_id, SECTION)
    require_write(actor, SECTION)
    return actor


def _add_errors(form, error):
    for field_name, errors in error.message_dict.items():
        form.add_error(field_name if field_name in form.fields else None, errors)


@login_required
def settings_page(request, plan_id):
    actor = _actor(request, plan_id)
    check_in_plan = check_in_plan_of(actor.plan)
    initial = {"active": "0", "frequency": "weekly"}
    if check_in_plan is not None:
        initial = {"active": "1" if check_in_plan.active else "0",
                   "frequency": check_in_plan.frequency, "goals": list(check_in_plan.goals.all())}
    goals = actor.plan.goals.filter(status=GoalStatus.ACTIVE)
    form = SettingsForm(request.POST or None, initial=initial, goals=goals)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["active"]:
                actions.do_start_check_ins(actor, form.cleaned_data["frequency"],
                                           form.cleaned_data["goals"])
                messages.success(request, _("Bewaard. De check-ins staan aan."))
            else:
                actions.do_stop_check_ins(actor)
                messages.success(request, _("Bewaard. De check-ins staan uit."))
        except ValidationError as error:
            _add_errors(form, error)
        else:
            return redirect("plans:goals", plan_id)
    return render_plan_page(request, "reminders/settings.html", actor, "goals", form=form,
                            check_in_plan=check_in_plan, has_goals=goals.exists())


@login_required
def stop(request, plan_id):
    """The stop link in the e-mail: a page with one button. A GET changes nothing."""
    actor = _actor(request, plan_id)
    check_in_plan = check_in_plan_of(actor.plan)
    if request.method == "POST":
        actions.do_stop_check_ins(actor)
        messages.success(request, _("De check-ins zijn gestopt. Er komt geen e-mail meer over."))
        return redirect("plans:goals", plan_id)
    return render_plan_page(request, "reminders/stop.html", actor, "goals",
                            active=check_in_plan is not None and check_in_plan.active)


@login_required
def check_in(request, plan_id):
    actor = _actor(request, plan_id)
    check_in_plan = check_in_plan_of(actor.plan)
    # The goals chosen for the check-ins; without check-ins (or none of them still
    # current) every current goal, so "Invullen hoe het gaat" always has a question.
    goals = []
    if check_in_plan is not None and check_in_plan.active:
        goals = [g for g in check_in_plan.goals.all() if g.status == GoalStatus.ACTIVE]
    goals = goals or list(actor.plan.goals.filter(status=GoalStatus.ACTIVE))
    if request.method == "POST":
        # Ask only about the goals the page showed: one added since is not missing.
        shown = set(request.POST.getlist("goal"))
        goals = [g for g in goals if str(g.pk) in shown] or goals
    form = CheckInForm(request.POST or None, goals=goals)
    if request.method == "POST" and goals and form.is_valid():
        reminder = actions.latest_sent_round(actor.plan)
        with transaction.atomic():
            for goal, score, note in form.answers():
                actions.do_answer_check_in(actor, goal, score, note, reminder=reminder)
        messages.success(request, _("Dank u wel. De antwoorden staan bij de doelen."))
        return redirect("plans:goals", plan_id)
    return render_plan_page(request, "reminders/check_in.html", actor, "goals", form=form,
                            goals=goals)
