"""Reading a transaction Bundle that someone sends us, before anything is saved.

Everything wrong with it is collected, with its place in the Bundle, so the sender gets
one OperationOutcome that names every problem. Nothing here trusts the body: its size is
checked before it is read, XML is parsed without DTDs, entities or network access, and
each resource is validated on its own with its R4B model so that a problem's location
names the entry it is in."""

import json
from dataclasses import dataclass

import pydantic
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.resource import Resource
from lxml import etree

from .formats import XML, FhirError, Issue

FHIR_NS = "{http://hl7.org/fhir}"


@dataclass
class Entry:
    index: int
    resource: object  # an R4B model
    full_url: str = ""

    @property
    def location(self):
        return f"Bundle.entry[{self.index}].resource"


def read_body(request):
    """The request body, refused with 413 when it is larger than FHIR_MAX_BODY_BYTES."""
    limit = settings.FHIR_MAX_BODY_BYTES
    too_big = FhirError.one(413, "too-costly",
                            f"The body is larger than the {limit // 1_000_000} MB we accept.")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit:
        raise too_big
    try:
        body = request.body
    except RequestDataTooBig:
        raise too_big from None
    if len(body) > limit:
        raise too_big
    if not body.strip():
        raise FhirError.one(400, "required", "The body is empty: send a transaction Bundle.")
    return body


def _pydantic_issues(error, location):
    return [Issue("invalid", problem["msg"],
                  ".".join([location, *(str(part) for part in problem["loc"])]))
            for problem in error.errors()]


def _validated(resource_type, source, location, from_xml):
    """The R4B model of one resource, or the issues that stop it. A type FHIR does not
    have is refused; one we do not import is still read, and reported as not placed."""
    try:
        model = get_fhir_model_class(resource_type) if resource_type.isalpha() else None
    except (KeyError, ValueError):
        model = None
    if model is None or not issubclass(model, Resource):
        return None, [Issue("not-supported", f"FHIR R4 has no resource type "
                                             f"{resource_type[:40] or '(none)'}.", location)]
    try:
        return (model.model_validate_xml(source) if from_xml
                else model.model_validate(source)), []
    except pydantic.ValidationError as error:
        return None, _pydantic_issues(error, location)
    except (ValueError, TypeError, KeyError) as error:
        return None, [Issue("invalid", str(error)[:200], location)]


def _json_entries(body):
    try:
        bundle = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise FhirError.one(400, "structure", f"This is not valid JSON: {error}") from None
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        raise FhirError.one(400, "structure", "Send a Bundle resource.", "Bundle")
    entries = bundle.get("entry") or []
    if not isinstance(entries, list):
        raise FhirError.one(400, "structure", "Bundle.entry is not a list.", "Bundle.entry")
    found = []
    for index, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        kind = resource.get("resourceType", "") if isinstance(resource, dict) else ""
        found.append((index, str(kind), resource, str(entry.get("fullUrl") or "")
                      if isinstance(entry, dict) else ""))
    return bundle.get("type"), found


def _xml_entries(body):
    if b"<!DOCTYPE" in body or b"<!ENTITY" in body:
        raise FhirError.one(400, "security", "XML with a DOCTYPE or entities is not accepted.")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise FhirError.one(400, "structure", f"This is not valid XML: {error}") from None
    if root.tag != FHIR_NS + "Bundle":
        raise FhirError.one(400, "structure", "Send a Bundle resource (FHIR XML).", "Bundle")
    kind = root.find(FHIR_NS + "type")
    found = []
    for index, entry in enumerate(root.findall(FHIR_NS + "entry")):
        full_url = entry.find(FHIR_NS + "fullUrl")
        resource = entry.find(FHIR_NS + "resource")
        element = next(iter(resource), None) if resource is not None else None
        tag = element.tag.removeprefix(FHIR_NS) if element is not None else ""
        found.append((index, tag, etree.tostring(element) if element is not None else None,
                      full_url.get("value", "") if full_url is not None else ""))
    return (kind.get("value") if kind is not None else None), found


def parse_transaction(body, content_type, bundle_types=("transaction",)):
    """The entries of a transaction Bundle (or, for a file someone uploads, a Bundle of
    one of `bundle_types`), each validated; FhirError with every problem."""
    from_xml = content_type == XML
    bundle_type, found = _xml_entries(body) if from_xml else _json_entries(body)
    if bundle_type not in bundle_types:
        raise FhirError.one(400, "invalid", f"Bundle.type must be {' or '.join(bundle_types)}.",
                            "Bundle.type")
    entries, issues = [], []
    for index, kind, source, full_url in found:
        location = f"Bundle.entry[{index}].resource"
        if source is None:
            issues.append(Issue("required", "This entry has no resource.", location))
            continue
        resource, problems = _validated(kind, source, location, from_xml)
        issues += problems
        if resource is not None:
            entries.append(Entry(index, resource, full_url))
    if issues:
        raise FhirError(400, issues)
    return entries


def _references(value):
    """Every reference string in a resource (as plain data)."""
    if isinstance(value, dict):
        if isinstance(value.get("reference"), str):
            yield value["reference"]
        for item in value.values():
            yield from _references(item)
    elif isinstance(value, list):
        for item in value:
            yield from _references(item)


def check_patient_references(entries, patient_id):
    """Refuse (422) any reference to a patient other than the token's: the Patient
    entries of the Bundle itself stand for that patient."""
    own = {f"Patient/{patient_id}"}
    for entry in entries:
        if entry.resource.get_resource_type() == "Patient":
            own.add(f"Patient/{entry.resource.id}")
            if entry.full_url:
                own.add(entry.full_url)
    issues = [
        Issue("business-rule", f"This refers to another patient than yours: {ref[:60]}",
              entry.location)
        for entry in entries
        for ref in _references(entry.resource.model_dump())
        if (ref.startswith("Patient/") or "/Patient/" in ref) and ref not in own
    ]
    if issues:
        raise FhirError(422, issues)
