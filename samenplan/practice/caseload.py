"""Mijn patiënten: the provider's caseload, one line per plan they take part in."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from samenplan.audit.actions import client_address, do_record_reads
from samenplan.lib.forms import Form
from samenplan.plans.sections import may_read

from .queries import CASELOAD, filtered_caseload

PAGE_SIZE = 25


class CaseloadForm(Form):
    """What the list shows (a GET form: it changes nothing). Anything that makes no sense
    falls back to all patients by name."""

    zoek = forms.CharField(label=_("Zoeken op naam"), required=False, max_length=100)
    sorteer = forms.ChoiceField(label=_("Volgorde"), required=False, initial="naam", choices=[
        ("naam", _("Op naam")),
        ("afspraak", _("Eerstvolgende afspraak eerst")),
        ("evaluatie", _("Terugkijken nodig eerst")),
        ("nieuw", _("Meeste nieuws eerst")),
    ])
    evaluatie = forms.BooleanField(label=_("Alleen wie samen terugkijken nodig heeft"),
                                   required=False)
    acties = forms.BooleanField(label=_("Alleen met afspraken die wachten op mijn akkoord"),
                                required=False)

    def chosen(self):
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            return {"zoek": data["zoek"].strip(), "sorteer": data["sorteer"] or "naam",
                    "evaluatie": data["evaluatie"], "acties": data["acties"]}
        return {"zoek": "", "sorteer": "naam", "evaluatie": False, "acties": False}


@login_required
def caseload_list(request):
    if not request.user.is_provider:
        raise PermissionDenied
    asked = CaseloadForm(request.GET or None)
    chosen = asked.chosen()
    rows = filtered_caseload(request.user, search=chosen["zoek"],
                             evaluation_due=chosen["evaluatie"], waiting=chosen["acties"],
                             sort=chosen["sorteer"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    memberships = list(page.object_list)
    for membership in memberships:
        membership.shares = {part: may_read(membership, part)
                             for part in ("agenda", "evaluations", "logbook", "goals", "actions")}
    do_record_reads(request.user, CASELOAD, memberships, client_address(request))
    query = urlencode({key: value for key, value in chosen.items() if value})
    return render(request, "practice/caseload.html", {
        "form": CaseloadForm(initial=chosen) if not asked.is_bound else asked,
        "page": page, "rows": memberships, "query": query,
        "filtered": bool(chosen["zoek"] or chosen["evaluatie"] or chosen["acties"]),
    })
