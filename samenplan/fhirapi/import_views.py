"""'Gegevens toevoegen uit een bestand': the patient (or a naaste who acts for them)
uploads a FHIR file, from a PGO or another care system, and sees what was added and what
could not be placed. The same import as POST /fhir/, from the browser."""

import json
import re

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from samenplan.lib.forms import Form
from samenplan.plans.queries import actor_for
from samenplan.plans.sections import NOT_SHARED, may_read
from samenplan.plans.views.common import render_plan_page

from .bundles import check_patient_references, parse_transaction
from .formats import JSON, XML, FhirError
from .importing import do_import_bundle

# A file from a PGO is often a collection or the answer to a search; the API asks for a
# transaction, as FHIR does.
FILE_BUNDLE_TYPES = ("transaction", "collection", "searchset", "batch")


class ImportForm(Form):
    file = forms.FileField(label=_("Kies het bestand"),
                           help_text=_("Een FHIR-bestand: .json of .xml."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".json,.xml"}))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.FHIR_MAX_BODY_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("Dit bestand is te groot. Het mag hooguit %(mb)s MB zijn.")
                % {"mb": limit // 1_000_000})
        return upload


def _format(body):
    start = body.lstrip()[:1]
    if start == b"{":
        return JSON
    if start == b"<":
        return XML
    raise FhirError.one(400, "structure", "Neither FHIR JSON nor FHIR XML.")


def _as_bundle(body, fmt):
    """A file with one resource, as a PGO may give, in a Bundle of its own. What cannot
    be read is left as it is: parse_transaction says what is wrong with it."""
    if fmt == JSON:
        try:
            data = json.loads(body)
        except ValueError:
            return body
        if isinstance(data, dict) and data.get("resourceType") not in (None, "Bundle"):
            return json.dumps({"resourceType": "Bundle", "type": "collection",
                               "entry": [{"resource": data}]}).encode()
        return body
    root = re.search(rb"<(?![?!])([A-Za-z]+)", body)
    if root is None or root.group(1) == b"Bundle":
        return body
    return (b'<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/><entry><resource>'
            + body[root.start():] + b"</resource></entry></Bundle>")


@login_required
def import_file(request, plan_id):
    actor = actor_for(request, plan_id)
    if not actor.membership.acts_for_patient:
        raise PermissionDenied
    if not may_read(actor.membership, "personal"):  # it belongs with Mijn gegevens
        raise PermissionDenied(NOT_SHARED)
    form = ImportForm(request.POST or None, request.FILES or None)
    report = problems = None
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["file"].read()
        try:
            fmt = _format(body)
            entries = parse_transaction(_as_bundle(body, fmt), fmt, FILE_BUNDLE_TYPES)
            check_patient_references(entries, str(actor.plan.pk))
            report = do_import_bundle(actor, entries)
        except FhirError as error:
            problems = error.issues
    return render_plan_page(request, "fhirapi/import.html", actor, "personal", form=form,
                            report=report, problems=problems)
