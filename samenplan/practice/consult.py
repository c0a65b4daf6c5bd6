"""The consult view (D4): one screen, printable on one page, for a provider's consult
with this person."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from samenplan.audit.actions import do_record_sections
from samenplan.audit.models import AuditEvent
from samenplan.plans.constants import Role
from samenplan.plans.queries import actor_for
from samenplan.plans.sections import NOT_SHARED
from samenplan.plans.views.common import render_plan_page

from .consults import consult_for


@login_required
def consult_view(request, plan_id):
    actor = actor_for(request, plan_id)
    if actor.membership.role != Role.PROVIDER:
        raise PermissionDenied
    consult = consult_for(actor)
    if not consult.shown:  # nothing of the plan is shared with this provider
        raise PermissionDenied(NOT_SHARED)
    do_record_sections(request.user, AuditEvent.READ, sorted(consult.shown), plan=actor.plan,
                       membership=actor.membership, source=actor.source)
    return render_plan_page(request, "practice/consult.html", actor, "overview",
                            consult=consult)
