"""Who takes part: members, invitations, and saying yes or no to a plan."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.accounts.ratelimits import limit_invitation
from samenplan.audit.actions import client_address

from .. import actions
from ..constants import Role
from ..forms import (
    DeclineForm,
    InviteForm,
    SharingForm,
    SignupForm,
)
from ..models import Membership
from ..queries import actor_for, get_in_plan
from ..sections import limits
from .common import (
    render_plan_page,
    require_write,
)

# --- members and invitations -----------------------------------------------------------


@login_required
def members(request, plan_id):
    actor = actor_for(request, plan_id, "members")
    plan = actor.plan
    form = InviteForm(request.POST or None)
    if request.method == "POST":
        require_write(actor, "members")
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
    return render_plan_page(
        request,
        "plans/members.html",
        actor,
        "members",
        form=form,
        members=[(m, limits(m)) for m in plan.memberships.filter(removed_at=None)
                 .select_related("user").prefetch_related("user__organisations")],
        invitations=open_invitations,
        invitation_days=settings.INVITATION_VALID_DAYS,
        now=timezone.now(),
    )


@login_required
def remove_member(request, plan_id, membership_id):
    actor = actor_for(request, plan_id)
    require_write(actor, "members")
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
    return render_plan_page(request, "plans/remove_member.html", actor, "members", target=target)


@login_required
@require_POST
def revoke_invitation(request, plan_id, invitation_id):
    actor = actor_for(request, plan_id)
    require_write(actor, "members")
    invitation = get_in_plan(actor.plan.invitations, actor.plan, invitation_id)
    try:
        actions.do_revoke_invitation(actor, invitation)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("plans:members", plan_id)


@limit_invitation
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


@limit_invitation
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


@login_required
def share(request, plan_id, membership_id):
    """What the patient shares with one member, per part of the plan (F4)."""
    actor = actor_for(request, plan_id)
    if actor.membership.role != Role.PATIENT:
        raise PermissionDenied
    target = get_in_plan(
        Membership.objects.filter(removed_at=None).exclude(role=Role.PATIENT).select_related(
            "user"), actor.plan, membership_id)
    form = SharingForm(request.POST or None, membership=target)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_set_sharing(actor, target, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Opgeslagen. Dit geldt meteen voor %(name)s.")
                             % {"name": target.user.name})
            return redirect("plans:members", plan_id)
    return render_plan_page(request, "plans/share.html", actor, "members", target=target,
                            form=form)
