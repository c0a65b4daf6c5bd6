"""'Wie heeft mijn gegevens bekeken': the patient's own view of the audit log (NEN 7513).
Reading it is logged as well."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from samenplan.health.constants import PERIODS
from samenplan.health.forms import LogFilterForm
from samenplan.plans.queries import actor_for
from samenplan.plans.sections import EXPLAINED, NOT_SHARED, SECTIONS, may_read
from samenplan.plans.views.common import render_plan_page

from .actions import do_record_event
from .models import AuditEvent
from .queries import accesses_of_plan

AUDIT_LOG = "audit_log"
PAGE_SIZE = 50
KIND_LABELS = {
    AuditEvent.READ: _("bekeken"),
    AuditEvent.CREATE: _("toegevoegd"),
    AuditEvent.UPDATE: _("veranderd"),
    AuditEvent.DELETE: _("weggehaald"),
    AuditEvent.DENIED: _("geprobeerd, maar geen toegang"),
    AuditEvent.EXPORT: _("gedownload"),
    AuditEvent.PRINT: _("afgedrukt"),
}
OTHER_PAGES = {
    "overview": _("Mijn plan"),
    "history": _("Wat is er veranderd"),
    AUDIT_LOG: _("Wie heeft mijn gegevens bekeken"),
    "plan": _("Het hele plan"),
    "connected_apps": _("Gekoppelde apps"),
    "fhir_api": _("Het plan via een gekoppelde app"),
    "fhirapi_access:authorize": _("Een app toegang geven"),
    "caseload": _("De lijst met patiënten van een zorgverlener"),
    "experience": _("Vragen over uw ervaring met het plan"),
}
ROLE_LABELS = {"patient": _("uzelf"), "naaste": _("naaste"), "provider": _("zorgverlener")}


class PeriodForm(LogFilterForm):
    """Only the period of the logbook's filters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["soort"]

    def days(self):
        return {code: days for code, _label, days in PERIODS}[self.chosen()["periode"]]


def _what(section):
    """The part of the plan in words. A refused attempt names the page (a URL name, such
    as "plans:goals"): its section, if it has one."""
    if section in SECTIONS:
        return SECTIONS[section].title_own
    if section in OTHER_PAGES:
        return OTHER_PAGES[section]
    by_page = [s.title_own for s in SECTIONS.values() if s.url_name == section]
    return by_page[0] if by_page else _("Een deel van het plan")


def _who(row, names):
    if row["user_id"] is None:
        return _("Uw agenda-app (via het agenda-adres)")
    name = names.get(row["user_id"], _("Een account dat niet meer bestaat"))
    parts = [str(ROLE_LABELS.get(row["role"], row["role"]))] if row["role"] else []
    if row["organisation"]:
        parts.append(row["organisation"])
    return f"{name} ({', '.join(parts)})" if parts else name


@login_required
def accesses(request, plan_id):
    actor = actor_for(request, plan_id)
    # The page belongs with "Mijn gegevens": for the patient, and a naaste acting for
    # them with whom the patient shares that part.
    if not actor.membership.acts_for_patient:
        raise PermissionDenied
    if not may_read(actor.membership, "personal"):
        raise PermissionDenied(NOT_SHARED)
    do_record_event(actor.user, AuditEvent.READ, AUDIT_LOG, plan=actor.plan,
                    membership=actor.membership, source=actor.source)
    asked = PeriodForm(request.GET or None)
    rows = accesses_of_plan(actor.plan, days=asked.days(), except_user=actor.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    ids = {row["user_id"] for row in page.object_list if row["user_id"]}
    names = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "name"))
    for row in page.object_list:
        row["who"] = _who(row, names)
        row["what"] = _what(row["section"])
        row["how"] = KIND_LABELS.get(row["kind"], row["kind"])
    chosen = asked.chosen()
    shown = {row["section"] for row in page.object_list}
    return render_plan_page(
        request, "audit/accesses.html", actor, "personal", page=page, rows=page.object_list,
        explanations=[text for section, text in EXPLAINED.items() if section in shown],
        filters=PeriodForm(initial=chosen), query=urlencode({"periode": chosen["periode"]}),
    )
