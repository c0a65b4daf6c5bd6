"""Plan pages. Each view: authorise (queries.actor_for), parse, call an action, render."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.audit.actions import client_address

from . import actions
from .constants import GoalStatus, PlanStatus, Role, domains_for
from .forms import (
    ActionForm,
    ContactForm,
    DeclineForm,
    DomainForm,
    DomainSetForm,
    EvaluationForm,
    GoalForm,
    GoalReviewForm,
    IndicationForm,
    InviteForm,
    PlanDataForm,
    ProfileForm,
    SignupForm,
    StartPlanForm,
)
from .history import last_change, plan_history
from .models import Action, Contact, DomainNote, Evaluation, Goal, Indication, Membership
from .queries import active_memberships, actor_for, get_in_plan
from .sections import SECTIONS, label, may_write, title

HISTORY_PAGE_SIZE = 40
NAV = [
    "overview",
    "personal",
    "what_matters",
    "goals",
    "actions",
    "evaluations",
    "members",
    "history",
]


def _nav_title(key, membership, name):
    if key == "overview":
        return (
            _("Mijn plan")
            if membership.role == Role.PATIENT
            else _("Het plan van %(name)s") % {"name": name}
        )
    if key == "history":
        return _("Wat is er veranderd")
    return title(key, membership, name)


def _nav_url(key):
    return {"overview": "plans:overview", "history": "plans:history"}.get(
        key, SECTIONS.get(key).url_name if key in SECTIONS else None
    )


def plan_context(actor, current, **extra):
    """What every plan page needs: the plan, who is looking, the menu, and per section
    its title, who fills it in, and whether this user may write it."""
    membership = actor.membership
    name = actor.plan.patient_name
    sections = {
        key: {
            "key": key,
            "title": title(key, membership, name),
            "label": label(key, membership, name),
            "may_write": may_write(membership, key),
        }
        for key in SECTIONS
    }
    nav = [
        {
            "key": key,
            "title": _nav_title(key, membership, name),
            "url": reverse(_nav_url(key), args=[actor.plan.pk]),
            "current": key == current,
        }
        for key in NAV
    ]
    return {
        "plan": actor.plan,
        "membership": membership,
        "patient_name": name,
        "is_patient": membership.role == Role.PATIENT,
        "sections": sections,
        "nav": nav,
        "current": current,
        **extra,
    }


def _render(request, template, actor, current, **extra):
    return render(request, template, plan_context(actor, current, **extra))


def _existing_or_new(model, actor, pk):
    """The object of this plan with this id (404 if it is not in this plan), or a new one."""
    if pk is None:
        return model(plan=actor.plan)
    return get_in_plan(model.objects, actor.plan, pk)


def _require_write(actor, section):
    if not may_write(actor.membership, section):
        raise PermissionDenied


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
    plan_actions = list(plan.actions.select_related("goal", "assignee_member__user"))
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
    return _render(
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


# --- profile (M1) ----------------------------------------------------------------------


@login_required
def profile(request, plan_id):
    actor = actor_for(request, plan_id, "personal")
    plan = actor.plan
    return _render(
        request,
        "plans/profile.html",
        actor,
        "personal",
        profile=plan.profile,
        indications=plan.indications.all(),
        contacts=plan.contacts.all(),
        members=plan.memberships.filter(removed_at=None).select_related("user"),
        last=last_change(plan),
    )


def _edit_form(
    request, actor, section, form, save, success, template="plans/form.html", heading=None, **extra
):
    """The shared edit flow: check the right to write, validate, save, or show errors
    with everything that was typed."""
    _require_write(actor, section)
    if request.method == "POST" and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            for field_name, errors in error.message_dict.items():
                form.add_error(field_name if field_name in form.fields else None, errors)
        else:
            messages.success(request, success)
            return None
    context = plan_context(actor, extra.pop("current", section), form=form, **extra)
    context.update(
        s=context["sections"][section],
        heading=heading or context["sections"][section]["title"],
        back_url=reverse(SECTIONS[section].url_name, args=[actor.plan.pk]),
    )
    return render(request, template, context)


@login_required
def edit_profile(request, plan_id):
    actor = actor_for(request, plan_id)
    form = ProfileForm(request.POST or None, instance=actor.plan.profile)
    response = _edit_form(
        request,
        actor,
        "personal",
        form,
        lambda f: actions.do_update_profile(actor, f.instance),
        _("Uw gegevens zijn bewaard."),
        current="personal",
    )
    return response or redirect("plans:profile", plan_id)


@login_required
def edit_plan_data(request, plan_id):
    actor = actor_for(request, plan_id)
    form = PlanDataForm(request.POST or None, instance=actor.plan)
    response = _edit_form(
        request,
        actor,
        "plan_data",
        form,
        lambda f: actions.do_update_plan_data(actor, f.instance),
        _("Bewaard."),
        current="personal",
    )
    return response or redirect("plans:profile", plan_id)


@login_required
def edit_indication(request, plan_id, indication_id=None):
    actor = actor_for(request, plan_id)
    instance = _existing_or_new(Indication, actor, indication_id)
    form = IndicationForm(request.POST or None, instance=instance)
    response = _edit_form(
        request,
        actor,
        "indication",
        form,
        lambda f: actions.do_save_indication(actor, f.instance),
        _("De indicatie is bewaard."),
        current="personal",
    )
    return response or redirect("plans:profile", plan_id)


@login_required
def edit_contact(request, plan_id, contact_id=None):
    actor = actor_for(request, plan_id)
    instance = _existing_or_new(Contact, actor, contact_id)
    form = ContactForm(request.POST or None, instance=instance)
    response = _edit_form(
        request,
        actor,
        "contacts",
        form,
        lambda f: actions.do_save_contact(actor, f.instance),
        _("Het contact is bewaard."),
        current="personal",
        contact=instance if contact_id else None,
    )
    return response or redirect("plans:profile", plan_id)


@login_required
@require_POST
def delete_contact(request, plan_id, contact_id):
    actor = actor_for(request, plan_id)
    contact = get_in_plan(Contact.objects, actor.plan, contact_id)
    _require_write(actor, "contacts")
    actions.do_delete_contact(actor, contact)
    messages.success(request, _("Het contact is verwijderd."))
    return redirect("plans:profile", plan_id)


# --- life domains (M2, M3) -------------------------------------------------------------


@login_required
def domains(request, plan_id):
    actor = actor_for(request, plan_id, "what_matters")
    plan = actor.plan
    notes = {(n.domain, n.section): n for n in plan.domain_notes.all()}
    scores = {}
    for score in plan.domain_scores.all():
        scores.setdefault(score.domain, []).append(score)
    rows = [
        {
            "code": code,
            "name": name,
            "help": help_text,
            "what_matters": notes.get((code, DomainNote.WHAT_MATTERS)),
            "support_needs": notes.get((code, DomainNote.SUPPORT_NEEDS)),
            "scores": scores.get(code, []),
        }
        for code, name, help_text in domains_for(plan.domain_set)
    ]
    return _render(request, "plans/domains.html", actor, "what_matters", rows=rows)


@login_required
def edit_domain(request, plan_id, domain):
    actor = actor_for(request, plan_id)
    plan = actor.plan
    known = {code: (name, help_text) for code, name, help_text in domains_for(plan.domain_set)}
    if domain not in known:
        raise Http404
    notes = {n.section: n.text for n in plan.domain_notes.filter(domain=domain)}
    form = DomainForm(request.POST or None, initial=notes)
    response = _edit_form(
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
    response = _edit_form(
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
    groups = [
        (label_, [g for g in all_goals if g.status == status])
        for status, label_ in GoalStatus.choices
    ]
    return _render(request, "plans/goals.html", actor, "goals", groups=groups)


@login_required
def edit_goal(request, plan_id, goal_id=None):
    actor = actor_for(request, plan_id)
    instance = _existing_or_new(Goal, actor, goal_id)
    form = GoalForm(request.POST or None, instance=instance, plan=actor.plan)
    response = _edit_form(
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
    return _render(
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
    instance = _existing_or_new(Action, actor, action_id)
    form = ActionForm(request.POST or None, instance=instance, plan=actor.plan)
    if action_id:
        save, success = (
            lambda f: actions.do_change_action(actor, f.instance),
            _("De afspraak is veranderd."),
        )
    else:
        save, success = (
            lambda f: actions.do_propose_action(actor, f.instance),
            _("Uw voorstel is bewaard. De ander moet nog akkoord geven."),
        )
    response = _edit_form(
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
    _require_write(actor, "actions")
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
    return _render(request, "plans/evaluations.html", actor, "evaluations", evaluations=items)


def _participants_guess(actor):
    """Who is probably taking part: the patient and whoever fills in the form."""
    names = [actor.plan.patient_name]
    if actor.user.name not in names:
        names.append(actor.user.name)
    return ", ".join(names)


@login_required
def new_evaluation(request, plan_id):
    actor = actor_for(request, plan_id)
    _require_write(actor, "evaluations")
    plan = actor.plan
    data = request.POST or None
    form = EvaluationForm(
        data, instance=Evaluation(plan=plan), initial={"held_on": timezone.localdate(),
                 "participants": _participants_guess(actor)}
    )
    active_goals = list(plan.goals.filter(status=GoalStatus.ACTIVE))
    review_forms = [(goal, GoalReviewForm(data, prefix=f"doel-{goal.pk}")) for goal in active_goals]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for _g, f in review_forms):
        actions.do_record_evaluation(
            actor, form.instance, [(goal, f.cleaned_data) for goal, f in review_forms]
        )
        messages.success(request, _("Het terugkijken is bewaard."))
        return redirect("plans:evaluations", plan_id)
    return _render(
        request,
        "plans/evaluation_form.html",
        actor,
        "evaluations",
        form=form,
        review_forms=review_forms,
    )


# --- history ---------------------------------------------------------------------------


@login_required
def history(request, plan_id):
    actor = actor_for(request, plan_id, "history")
    entries = plan_history(actor.plan)
    page = Paginator(entries, HISTORY_PAGE_SIZE).get_page(request.GET.get("pagina"))
    return _render(request, "plans/history.html", actor, "history", page=page,
                   entries=page.object_list)


# --- members and invitations -----------------------------------------------------------


@login_required
def members(request, plan_id):
    actor = actor_for(request, plan_id, "members")
    plan = actor.plan
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        _require_write(actor, "members")
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.do_invite_member(
                    actor,
                    data["email"],
                    data["name"],
                    data["role"],
                    data["relation"],
                    data["may_act"],
                )
            except ValidationError as error:
                for field_name, errors in error.message_dict.items():
                    form.add_error(field_name if field_name in form.fields else None, errors)
            else:
                messages.success(
                    request,
                    _("De uitnodiging is verstuurd naar %(email)s.") % {"email": data["email"]},
                )
                return redirect("plans:members", plan_id)
    open_invitations = [
        i
        for i in plan.invitations.filter(
            accepted_at=None, declined_at=None, revoked_at=None
        ).order_by("-created_at")
    ]
    return _render(
        request,
        "plans/members.html",
        actor,
        "members",
        form=form,
        members=plan.memberships.filter(removed_at=None).select_related("user"),
        invitations=open_invitations,
        invitation_days=settings.INVITATION_VALID_DAYS,
        now=timezone.now(),
    )


@login_required
def remove_member(request, plan_id, membership_id):
    actor = actor_for(request, plan_id)
    _require_write(actor, "members")
    target = get_in_plan(Membership.objects.filter(removed_at=None), actor.plan, membership_id)
    if request.method == "POST":
        try:
            actions.do_remove_member(actor, target)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s doet niet meer mee.") % {"name": target.user.name}
            )
        return redirect("plans:members", plan_id)
    return _render(request, "plans/remove_member.html", actor, "members", target=target)


@login_required
@require_POST
def revoke_invitation(request, plan_id, invitation_id):
    actor = actor_for(request, plan_id)
    _require_write(actor, "members")
    invitation = get_in_plan(actor.plan.invitations, actor.plan, invitation_id)
    try:
        actions.do_revoke_invitation(actor, invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("plans:members", plan_id)


def invitation(request, token):
    """The page behind the link in an invitation e-mail. Anyone with the link may see who
    invited them; joining needs an account with the invited e-mail address."""
    invite = actions.find_invitation(token)
    problem = actions.invitation_problem(invite)
    if problem:
        return render(
            request,
            "plans/invitation_problem.html",
            {"problem": problem},
            status=410 if invite else 404,
        )
    User = get_user_model()
    has_account = User.objects.filter(email__iexact=invite.email).exists()
    signup = None
    if request.method == "POST":
        if not request.user.is_authenticated and not has_account:
            signup = SignupForm(request.POST)
            if signup.is_valid():
                user = User.objects.create_user(
                    invite.email, signup.cleaned_data["password1"], name=signup.cleaned_data["name"]
                )
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if request.user.is_authenticated:
            try:
                membership = actions.do_accept_invitation(
                    invite, request.user, client_address(request)
                )
            except ValidationError as error:
                return render(
                    request,
                    "plans/invitation_problem.html",
                    {"problem": " ".join(error.messages)},
                    status=409,
                )
            if membership.role == Role.PATIENT:
                messages.success(request, _("Welkom! Dit is nu uw eigen plan."))
            else:
                messages.success(
                    request,
                    _("U doet nu mee met het plan van %(name)s.")
                    % {"name": invite.plan.patient_name},
                )
            return redirect("plans:overview", invite.plan.pk)
    elif not request.user.is_authenticated and not has_account:
        signup = SignupForm(initial={"name": invite.name})
    return render(
        request,
        "plans/invitation.html",
        {
            "invitation": invite,
            "patient_name": invite.plan.patient_name,
            "has_account": has_account,
            "signup": signup,
            "token": token,
            "wrong_user": request.user.is_authenticated
            and request.user.email.lower() != invite.email.lower(),
        },
    )


def decline_invitation(request, token):
    """The invited patient says no to a plan (D7); the choice is respected and kept."""
    invite = actions.find_invitation(token)
    problem = actions.invitation_problem(invite)
    if problem or invite.role != Role.PATIENT:
        return render(
            request,
            "plans/invitation_problem.html",
            {"problem": problem or _("Deze link werkt niet.")},
            status=410,
        )
    form = DeclineForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.do_decline_plan(
            invite, form.cleaned_data["reason"], form.cleaned_data["note"], client_address(request)
        )
        return render(request, "plans/declined.html", {"invitation": invite})
    return render(
        request, "plans/decline.html", {"form": form, "invitation": invite, "token": token}
    )


@login_required
@require_POST
def set_may_act(request, plan_id, membership_id):
    actor = actor_for(request, plan_id)
    if actor.membership.role != Role.PATIENT:
        raise PermissionDenied
    target = get_in_plan(Membership.objects.filter(removed_at=None), actor.plan, membership_id)
    may_act = request.POST.get("may_act") == "1"
    try:
        actions.do_set_may_act(actor, target, may_act)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if may_act:
            message = _("%(name)s mag nu namens u het plan invullen en afspraken maken.")
        else:
            message = _("%(name)s mag nu alleen meelezen.")
        messages.success(request, message % {"name": target.user.name})
    return redirect("plans:members", plan_id)
