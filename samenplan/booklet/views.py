"""'Mijn plan als boekje' (F1, D2): the plan as a PDF to read, carry and write in."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from samenplan.audit.actions import do_record_sections
from samenplan.audit.models import AuditEvent
from samenplan.lib.pdf import OwnFilesOnly, render_pdf
from samenplan.plans.queries import actor_for
from samenplan.plans.sections import NOT_SHARED, PARTS, may_read
from samenplan.plans.views.common import plan_context

from .content import Files, booklet_parts, changed_on
from .forms import BookletForm


def booklet_form(actor, data=None):
    return BookletForm(data, membership=actor.membership, profile=actor.plan.profile)


def _reader(request, plan_id):
    """The member who prints, refused (403, logged) if no part is shared with them."""
    actor = actor_for(request, plan_id)
    if not any(may_read(actor.membership, part) for part in PARTS):
        raise PermissionDenied(NOT_SHARED)
    return actor


@login_required
def choose(request, plan_id):
    actor = _reader(request, plan_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return render(request, "booklet/choose.html",
                  plan_context(actor, "overview", form=booklet_form(actor)))


def make_booklet(actor, form, today=None):
    """The PDF of the parts chosen in this valid form, and the fetcher that rendered it.
    Printing is in the audit log, per part."""
    chosen = form.cleaned_data["delen"]
    if not all(may_read(actor.membership, part) for part in chosen):
        raise PermissionDenied(NOT_SHARED)
    today = today or timezone.localdate()
    files = Files()
    context = plan_context(actor, "overview", parts=booklet_parts(actor, chosen, files, today),
                           printed_on=today, changed_on=changed_on(actor.plan))
    fetcher = OwnFilesOnly(files)
    pdf = render_pdf(render_to_string("booklet/booklet.html", context), fetcher, form.page_css)
    do_record_sections(actor.user, AuditEvent.PRINT, chosen, plan=actor.plan,
                       membership=actor.membership, source=actor.source)
    return pdf, fetcher


@login_required
def booklet(request, plan_id):
    actor = _reader(request, plan_id)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    form = booklet_form(actor, request.GET)
    if not form.is_valid():
        return render(request, "booklet/choose.html",
                      plan_context(actor, "overview", form=form), status=400)
    pdf, _fetcher = make_booklet(actor, form)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"samenplan-boekje-{timezone.localdate().isoformat()}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
