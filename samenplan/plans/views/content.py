"""The plan itself: life domains (M2, M3), goals (M4), actions (M5), evaluations (M6)
and the history of changes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.health.queries import measurement_summaries
from samenplan.lib import charts
from samenplan.reminders.queries import latest_answers

from .. import actions
from ..charts import domain_scores_chart as domain_scores_chart_svg
from ..charts import score_moments
from ..constants import GoalStatus, Role, domains_for
from ..forms import (
    ActionForm,
    DomainForm,
    DomainSetForm,
    EvaluationForm,
    GoalForm,
    GoalReviewForm,
)
from ..history import plan_history
from ..models import Action, Evaluation, Goal
from ..queries import actor_for, domain_rows, get_in_plan
from ..sections import SECTIONS, may_read
from .common import (
    LanguageHelp,
    edit_form,
    existing_or_new,
    participants_guess,
    render_plan_page,
    require_write,
    tell_language_hints,
)

HISTORY_PAGE_SIZE = 40


# --- life domains (M2, M3) -------------------------------------------------------------


@login_required
def domains(request, plan_id):
    actor = actor_for(request, plan_id, "what_matters")
    plan = actor.plan
    rows = domain_rows(plan)
    moments, table = score_moments(plan)
    return render_plan_page(request, "plans/domains.html", actor, "what_matters", rows=rows,
                            score_moments=moments, score_table=table)


@login_required
def domain_scores_chart(request, plan_id):
    actor = actor_for(request, plan_id, "domain_scores")
    return charts.svg_response(
        domain_scores_chart_svg(actor.plan, actor.membership.role == Role.PATIENT))


@login_required
def edit_domain(request, plan_id, domain):
    actor = actor_for(request, plan_id)
    plan = actor.plan
    known = {code: (name, help_text) for code, name, help_text in domains_for(plan.domain_set)}
    if domain not in known:
        raise Http404
    notes = {n.section: n.text for n in plan.domain_notes.filter(domain=domain)}
    form = DomainForm(request.POST or None, initial=notes)
    response = edit_form(
        request,
        actor,
        "what_matters",
        form,
        lambda f: actions.do_save_domain(
            actor,
            domain,
            f.cleaned_data["what_matters"],
            f.cleaned_data["support_needs"],
            f.cleaned_data["score"],
            timezone.localdate(),
        ),
        _("Bewaard."),
        heading=known[domain][0],
        intro=known[domain][1],
    )
    return response or redirect(reverse("plans:domains", args=[plan_id]) + f"#{domain}")


@login_required
def choose_domain_set(request, plan_id):
    actor = actor_for(request, plan_id)
    form = DomainSetForm(request.POST or None, initial={"domain_set": actor.plan.domain_set})
    response = edit_form(
        request,
        actor,
        "what_matters",
        form,
        lambda f: actions.do_choose_domain_set(actor, f.cleaned_data["domain_set"]),
        _("De indeling is aangepast."),
        heading=_("Indeling van de levensgebieden"),
    )
    return response or redirect("plans:domains", plan_id)


# --- goals (M4) ------------------------------------------------------------------------


@login_required
def goals(request, plan_id):
    actor = actor_for(request, plan_id, "goals")
    all_goals = list(actor.plan.goals.prefetch_related("actions"))
    # A goal about a measurement shows its newest value and target (D1).
    summaries = {}
    if may_read(actor.membership, "measurements") and any(g.measurement_kind for g in all_goals):
        summaries = measurement_summaries(actor.plan, may_read(actor.membership, "results"))
    answers = latest_answers(actor.plan, [goal.pk for goal in all_goals])
    for goal in all_goals:
        goal.measurement = summaries.get(goal.measurement_kind)
        goal.latest_answers = answers[goal.pk]
    groups = [
        (label_, [g for g in all_goals if g.status == status])
        for status, label_ in GoalStatus.choices
    ]
    return render_plan_page(request, "plans/goals.html", actor, "goals", groups=groups)


@login_required
def edit_goal(request, plan_id, goal_id=None):
    actor = actor_for(request, plan_id)
    instance = existing_or_new(Goal, actor, goal_id)
    form = GoalForm(request.POST or None, instance=instance, plan=actor.plan)
    response = edit_form(
        request,
        actor,
        "goals",
        form,
        lambda f: actions.do_save_goal(actor, f.instance),
        _("Het doel is bewaard."),
        heading=_("Doel veranderen") if goal_id else _("Nieuw doel"),
    )
    return response or redirect("plans:goals", plan_id)


# --- actions (M5) ----------------------------------------------------------------------


@login_required
def action_list(request, plan_id):
    actor = actor_for(request, plan_id, "actions")
    plan_actions = list(
        actor.plan.actions.select_related(
            "goal", "assignee_member__user", "patient_confirmed_by", "provider_confirmed_by"
        )
    )
    return render_plan_page(
        request,
        "plans/actions.html",
        actor,
        "actions",
        actions=plan_actions,
        side=actions.confirming_side(actor.membership),
    )


@login_required
def edit_action(request, plan_id, action_id=None):
    actor = actor_for(request, plan_id)
    instance = existing_or_new(Action, actor, action_id)
    form = ActionForm(request.POST or None, instance=instance, plan=actor.plan,
                      goals_shown=may_read(actor.membership, "goals"))
    if action_id:
        save, success = (
            lambda f: actions.do_change_action(actor, f.instance),
            _("De afspraak is veranderd."),
        )
    else:
        save, success = (
            lambda f: actions.do_propose_action(actor, f.instance),
            _("Uw voorstel is bewaard. We wachten nu op akkoord van de ander."),
        )
    response = edit_form(
        request,
        actor,
        "actions",
        form,
        save,
        success,
        heading=_("Afspraak veranderen") if action_id else _("Nieuwe afspraak"),
        agreed_warning=bool(action_id and instance.is_agreed),
    )
    return response or redirect("plans:actions", plan_id)


@login_required
@require_POST
def confirm_action(request, plan_id, action_id):
    actor = actor_for(request, plan_id)
    action = get_in_plan(Action.objects, actor.plan, action_id)
    require_write(actor, "actions")
    try:
        action = actions.do_confirm_action(actor, action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if action.is_agreed:
            messages.success(request, _("Afgesproken! U bent het allebei eens."))
        else:
            messages.success(request, _("Uw akkoord is bewaard."))
    return redirect(reverse("plans:actions", args=[plan_id]) + f"#afspraak-{action_id}")


# --- evaluations (M6) ------------------------------------------------------------------


@login_required
def evaluations(request, plan_id):
    actor = actor_for(request, plan_id, "evaluations")
    items = actor.plan.evaluations.prefetch_related("reviews__goal")
    return render_plan_page(
        request, "plans/evaluations.html", actor, "evaluations", evaluations=items
    )


@login_required
def new_evaluation(request, plan_id):
    actor = actor_for(request, plan_id)
    require_write(actor, "evaluations")
    plan = actor.plan
    data = request.POST or None
    form = EvaluationForm(
        data,
        instance=Evaluation(plan=plan),
        initial={"held_on": timezone.localdate(), "participants": participants_guess(actor)},
    )
    # Looking back per goal needs the goals; a member who may not see them looks back on
    # the whole only.
    active_goals = list(plan.goals.filter(status=GoalStatus.ACTIVE)) if may_read(
        actor.membership, "goals") else []
    review_forms = [(goal, GoalReviewForm(data, prefix=f"doel-{goal.pk}")) for goal in active_goals]
    help_ = LanguageHelp.for_forms(request, actor, [form] + [f for _g, f in review_forms])
    if (
        request.method == "POST"
        and not help_.only_check
        and form.is_valid()
        and all(f.is_valid() for _g, f in review_forms)
    ):
        actions.do_record_evaluation(
            actor, form.instance, [(goal, f.cleaned_data) for goal, f in review_forms]
        )
        messages.success(request, _("Het terugkijken is bewaard."))
        tell_language_hints(request, help_.hints)
        return redirect("plans:evaluations", plan_id)
    return render_plan_page(
        request,
        "plans/evaluation_form.html",
        actor,
        "evaluations",
        form=form,
        review_forms=review_forms,
        **help_.context(),
    )


# --- history ---------------------------------------------------------------------------


@login_required
def history(request, plan_id):
    actor = actor_for(request, plan_id, "history")
    readable = {key for key in SECTIONS if may_read(actor.membership, key)}
    entries = plan_history(actor.plan, readable=readable)
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render_plan_page(
        request, "plans/history.html", actor, "history", page=page, entries=page.object_list
    )
