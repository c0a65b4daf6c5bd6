"""Measurements and target values (D1): what the patient measures at home and what
providers measure, against the target agreed together; each kind with its chart."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samenplan.lib import charts
from samenplan.plans.queries import actor_for
from samenplan.plans.sections import may_read
from samenplan.plans.views.common import (
    edit_form,
    participants_guess,
    render_plan_page,
    require_write,
)

from .. import actions, measurements
from ..charts import measurement_chart
from ..forms import MeasurementForm, TargetForm
from ..models import Measurement, Target
from ..queries import (
    agreed_targets,
    current_targets,
    measurement_points,
    measurement_summaries,
    own_measurement,
    summary,
)


def _kind_or_404(kind):
    if kind not in measurements.TYPES:
        raise Http404
    return measurements.TYPES[kind]


def _with_results(actor):
    """Lab results coded as a measurement show with it, for whoever may see the results."""
    return may_read(actor.membership, actions.RESULTS)


@login_required
def overview(request, plan_id):
    actor = actor_for(request, plan_id, actions.MEASUREMENTS)
    summaries = list(measurement_summaries(actor.plan, _with_results(actor)).values())
    return render_plan_page(
        request, "health/measurements.html", actor, "measurements",
        measured=[s for s in summaries if s["point"] or s["target"]],
        not_yet=[s["kind"] for s in summaries if not (s["point"] or s["target"])],
    )


@login_required
def kind_page(request, plan_id, kind):
    actor = actor_for(request, plan_id, actions.MEASUREMENTS)
    kind = _kind_or_404(kind)
    points = measurement_points(actor.plan, kind.key, _with_results(actor))
    target = current_targets(actor.plan).get(kind.key)
    rows = [{"point": p, "value": measurements.format_value(kind, p.value, p.second_value),
             "position": measurements.position(target, p.value, p.second_value),
             "own": p.measurement is not None
             and p.measurement.author_member_id == actor.membership.pk}
            for p in points]
    history = [(t, measurements.format_target(t))
               for t in agreed_targets(actor.plan, kind.key)]
    return render_plan_page(
        request, "health/measurement_kind.html", actor, "measurements",
        summary=summary(kind, points[0] if points else None, target), rows=rows,
        target_history=history,
    )


@login_required
def chart(request, plan_id, kind):
    actor = actor_for(request, plan_id, actions.MEASUREMENTS)
    kind = _kind_or_404(kind)
    return charts.svg_response(measurement_chart(actor.plan, kind, _with_results(actor)))


@login_required
def edit_measurement(request, plan_id, kind=None, measurement_id=None):
    actor = actor_for(request, plan_id)
    if measurement_id is None:
        instance = Measurement(plan=actor.plan, kind=_kind_or_404(kind).key)
    else:
        instance = own_measurement(actor.membership, measurement_id)
        if instance is None:
            raise Http404
    kind = instance.type
    form = MeasurementForm(request.POST or None, instance=instance, kind=kind)
    response = edit_form(
        request, actor, actions.MEASUREMENTS, form,
        lambda f: actions.do_save_measurement(actor, f.instance),
        _("De meting is bewaard."),
        heading=_("Meting veranderen: %(name)s") % {"name": kind.name} if measurement_id
        else _("Nieuwe meting: %(name)s") % {"name": kind.name},
        delete_url=reverse("health:delete_measurement", args=[plan_id, measurement_id])
        if measurement_id else None,
        delete_text=_("Deze meting weghalen"),
        back_url=reverse("health:measurement_kind", args=[plan_id, kind.key]),
    )
    return response or redirect("health:measurement_kind", plan_id, kind.key)


@login_required
@require_POST
def delete_measurement(request, plan_id, measurement_id):
    actor = actor_for(request, plan_id)
    measurement = own_measurement(actor.membership, measurement_id)
    if measurement is None:
        raise Http404
    require_write(actor, actions.MEASUREMENTS)
    actions.do_delete_measurement(actor, measurement)
    messages.success(request, _("De meting is weggehaald."))
    return redirect("health:measurement_kind", plan_id, measurement.kind)


@login_required
def add_target(request, plan_id, kind):
    """A new target value from a date on; the one that held before stays in the history."""
    actor = actor_for(request, plan_id)
    kind = _kind_or_404(kind)
    current = current_targets(actor.plan).get(kind.key)
    initial = {"valid_from": timezone.localdate(), "agreed_by": participants_guess(actor)}
    if current:
        initial.update(low=current.low, high=current.high, second_low=current.second_low,
                       second_high=current.second_high)
    form = TargetForm(request.POST or None, instance=Target(plan=actor.plan, kind=kind.key),
                      kind=kind, initial=initial)
    response = edit_form(
        request, actor, actions.TARGETS, form,
        lambda f: actions.do_save_target(actor, f.instance),
        _("De streefwaarde is bewaard."),
        heading=_("Streefwaarde afspreken: %(name)s") % {"name": kind.name},
        intro=_("Een streefwaarde is de waarde die u wilt halen. Spreek die samen af. Een "
                "nieuwe streefwaarde vervangt de oude vanaf de dag die u kiest."),
        current="measurements",
        back_url=reverse("health:measurement_kind", args=[plan_id, kind.key]),
    )
    return response or redirect("health:measurement_kind", plan_id, kind.key)
