"""FHIR's two formats (JSON and XML) in and out, and the OperationOutcome every refusal
and error is answered with."""

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from fhir.resources.R4B.operationoutcome import OperationOutcome

from .mapping import Resource

JSON = "application/fhir+json"
XML = "application/fhir+xml"
# What `_format` and the Accept and Content-Type headers may say, per format (FHIR R4 §3.1.0.1.9).
NAMES = {
    "json": JSON, "application/json": JSON, JSON: JSON, "application/json+fhir": JSON,
    "xml": XML, "text/xml": XML, "application/xml": XML, XML: XML,
    "application/xml+fhir": XML,
}
ANY = {"*/*", "application/*", ""}


@dataclass
class Issue:
    code: str  # from http://hl7.org/fhir/issue-type: invalid, not-found, forbidden, ...
    message: str
    location: str = ""  # a FHIRPath such as "Bundle.entry[2].resource.status"
    severity: str = "error"


@dataclass
class FhirError(Exception):
    """An answer with this status and an OperationOutcome of these issues."""

    status: int
    issues: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)

    @classmethod
    def one(cls, status, code, message, location="", headers=None):
        return cls(status, [Issue(code, message, location)], headers or {})


def outcome(issues):
    return OperationOutcome(issue=[
        {"severity": i.severity, "code": i.code, "diagnostics": i.message,
         **({"expression": [i.location]} if i.location else {})}
        for i in issues
    ])


def chosen_format(request):
    """JSON or XML, as `_format` or else the Accept header asks; JSON when it does not
    matter. Anything else is refused with 406 (in JSON)."""
    asked = request.GET.get("_format")
    if asked is not None:
        if asked.strip().lower() not in NAMES:
            raise FhirError.one(406, "not-supported", f"Unknown _format: {asked[:40]}")
        return NAMES[asked.strip().lower()]
    for part in request.headers.get("Accept", "").split(","):
        kind = part.split(";")[0].strip().lower()
        if kind in NAMES:
            return NAMES[kind]
        if kind in ANY or kind == "text/html":
            return JSON
    if request.headers.get("Accept", "").strip():
        raise FhirError.one(406, "not-supported", "Samenplan answers in FHIR JSON or XML.")
    return JSON


def render(resource, fmt, status=200, headers=None):
    """A resource we made (mapping.Resource: its JSON as it is) or an R4B model."""
    if isinstance(resource, Resource):
        body = resource.model.model_dump_xml() if fmt == XML else json.dumps(
            resource.data, ensure_ascii=False, separators=(",", ":"), default=_plain)
    else:
        body = resource.model_dump_xml() if fmt == XML else resource.model_dump_json()
    response = HttpResponse(body, status=status, content_type=f"{fmt}; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _plain(value):
    """What JSON has no type for: FHIR decimals (our Decimal fields) as numbers, dates
    and moments as FHIR writes them (as common.fhir_moment does)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime) and value.tzinfo:
        return value.astimezone(timezone.get_default_timezone()).isoformat()
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def json_of(model):
    """An R4B model as FHIR JSON (a dict), to put in a resource we made."""
    return json.loads(model.model_dump_json())


def render_error(error, fmt):
    return render(outcome(error.issues), fmt, error.status, error.headers)
