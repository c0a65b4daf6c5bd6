"""My data rights (AVG): download all my data, and close my plan and remove my account."""

import json

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..constants import Role
from ..forms import ClosePlanForm
from ..queries import actor_for
from ..rights import do_close_plan, plan_export
from .common import render_plan_page


@login_required
def download(request, plan_id):
    """All of the plan's data as one JSON file, for the patient: a right of the person
    themself, and more than any part they may have kept from a naaste."""
    actor = actor_for(request, plan_id)
    if actor.membership.role != Role.PATIENT:
        raise PermissionDenied
    content = json.dumps(plan_export(actor), cls=DjangoJSONEncoder, ensure_ascii=False,
                         indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    name = f"samenplan-mijn-gegevens-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def close(request, plan_id):
    """Close the plan and remove the account, after a clear confirmation."""
    actor = actor_for(request, plan_id)
    if actor.membership.role != Role.PATIENT:
        raise PermissionDenied
    form = ClosePlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        do_close_plan(actor)
        logout(request)
        return render(request, "plans/closed.html")
    years = settings.AUDIT_RETENTION_YEARS
    return render_plan_page(request, "plans/close.html", actor, "personal", form=form,
                            retention_years=int(years) if years == int(years) else years)
