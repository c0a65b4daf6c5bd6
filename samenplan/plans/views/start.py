"""The start page, starting a plan, and the plan overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.audit.actions import client_address

from .. import actions
from ..constants import GoalStatus, PlanStatus, Role, domains_for
from ..forms import (
    StartPlanForm,
)
from ..history import last_change
from ..queries import active_memberships, actor_for
from .common import (
    render_plan_page,
)

# --- start ---------------------------------------------------------------------------


@login_required
def home(request):
    memberships = list(active_memberships(request.user))
    own = [m for m in memberships if m.role == Role.PATIENT]
    if own and len(memberships) == 1 and own[0].plan.status == PlanStatus.ACTIVE:
        return redirect("plans:overview", own[0].plan.pk)
    return render(
        request,
        "plans/home.html",
        {
            "own": own,
            "helping": [m for m in memberships if m.role == Role.NAASTE],
            "caring": [m for m in memberships if m.role == Role.PROVIDER],
        },
    )


@login_required
@require_POST
def create_own_plan(request):
    if active_memberships(request.user).filter(role=Role.PATIENT).exists():
        messages.info(request, _("U heeft al een plan."))
        return redirect("plans:home")
    plan = actions.do_create_own_plan(request.user, client_address(request))
    messages.success(request, _("Uw plan is klaar om in te vullen."))
    return redirect("plans:overview", plan.pk)


@login_required
def start_plan(request):
    if not request.user.is_provider:
        raise Http404
    form = StartPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = actions.do_start_plan(
                request.user,
                data["name"],
                data["email"],
                data["date_of_birth"],
                client_address(request),
            )
        except ValidationError as error:
            form.add_error("email", error.message_dict.get("email", error.messages))
        else:
            messages.success(
                request,
                _("Het plan is gemaakt. %(name)s krijgt een uitnodiging per e-mail.")
                % {"name": data["name"]},
            )
            return redirect("plans:overview", plan.pk)
    return render(request, "plans/start_plan.html", {"form": form})


# --- overview --------------------------------------------------------------------------


@login_required
def overview(request, plan_id):
    actor = actor_for(request, plan_id, "overview")
    plan = actor.plan
    plan_actions = list(plan.actions.select_related(
        "goal", "assignee_member__user", "patient_confirmed_by", "provider_confirmed_by"))
    side = actions.confirming_side(actor.membership)
    waiting = [
        a
        for a in plan_actions
        if side
        and not a.is_agreed
        and not getattr(a, f"{side}_confirmed_at")
        and a.status == "open"
    ]
    latest_scores = {}
    for score in plan.domain_scores.all():  # newest first
        latest_scores.setdefault(score.domain, score.score)
    domains = [
        {"name": name, "score": latest_scores.get(code)}
        for code, name, _help in domains_for(plan.domain_set)
    ]
    return render_plan_page(
        request,
        "plans/overview.html",
        actor,
        "overview",
        domains=domains,
        goals=plan.goals.filter(status=GoalStatus.ACTIVE),
        agreed=[a for a in plan_actions if a.is_agreed and a.status == "open"],
        waiting=waiting,
        side=side,
        last=last_change(plan),
        evaluation=plan.evaluations.first(),
    )
