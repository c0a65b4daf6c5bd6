"""The FHIR R4 REST API at /fhir/: metadata, read, search and $everything.

Every call but `metadata` needs a token (samenplan/fhirapi/auth.py). A token is for one
plan: it reads what its member may read there, part by part, as the web pages do; a
resource of another plan does not exist for it (404). Every answer with plan data is in
the audit log, per part of the plan it showed."""

from functools import wraps
from urllib.parse import urlencode

from django.views.decorators.csrf import csrf_exempt
from fhir.resources.R4B.bundle import Bundle

from samenplan.audit.actions import do_record_sections
from samenplan.audit.models import AuditEvent

from . import codes, search
from .auth import ApiRefused, api_access, require_scope
from .bundles import check_patient_references, parse_transaction, read_body
from .capability import capability_statement
from .formats import (
    NAMES,
    FhirError,
    Issue,
    chosen_format,
    json_of,
    outcome,
    render,
    render_error,
)
from .importing import do_import_bundle
from .mapping import Resource
from .mapping.common import compact
from .resources import KINDS, readable_resources


def fhir_view(view):
    """Answer in the format asked, and every refusal and error as an OperationOutcome."""

    @csrf_exempt  # no cookies: a bearer token cannot be sent by another site's form
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            fmt = chosen_format(request)
        except FhirError as error:
            return render_error(error, "application/fhir+json")
        try:
            return view(request, fmt, *args, **kwargs)
        except ApiRefused as refused:
            return render_error(FhirError.one(refused.status, refused.code, refused.message,
                                              headers=refused.headers), fmt)
        except FhirError as error:
            return render_error(error, fmt)

    return wrapper


def _only(request, *methods):
    if request.method not in methods:
        raise FhirError.one(405, "not-supported", f"{request.method} is not supported here.",
                            headers={"Allow": ", ".join(methods)})


def _kind(resource_type):
    if resource_type not in KINDS:
        raise FhirError.one(404, "not-supported",
                            f"Samenplan has no resource type {resource_type[:40]}.")
    return KINDS[resource_type]


def _record_reads(access, pairs):
    do_record_sections(access.actor.user, AuditEvent.READ,
                       sorted({section for section, _resource in pairs}),
                       plan=access.actor.plan, membership=access.actor.membership,
                       source=access.actor.source)


@fhir_view
def metadata(request, fmt):
    _only(request, "GET")
    return render(capability_statement(request.build_absolute_uri("/fhir")), fmt)


@fhir_view
def code_system(request, fmt, resource_id):
    """The code systems Samenplan publishes (life domains, plan parts, log kinds): public,
    like metadata, since they hold no one's data."""
    _only(request, "GET")
    found = codes.code_system(resource_id)
    if found is None:
        raise FhirError.one(404, "not-found", f"CodeSystem/{resource_id[:40]} is not known.")
    return render(found, fmt)


@fhir_view
def read(request, fmt, resource_type, resource_id):
    _only(request, "GET")
    kind = _kind(resource_type)
    access = api_access(request)
    found = [(section, resource) for section, resource in readable_resources(access.actor, kind)
             if resource.id == resource_id]
    if not found:
        raise FhirError.one(404, "not-found", f"{resource_type}/{resource_id[:40]} is not known.")
    _record_reads(access, found)
    return render(found[0][1], fmt)


def _link(request, query, page):
    params = [(name, value) for name in query for value in query.getlist(name)
              if name != "page"] + [("page", str(page))]
    return request.build_absolute_uri(request.path) + "?" + urlencode(params)


def _searchset(request, pairs, query, note=None):
    """A searchset Bundle of one page of these resources, with its paging links."""
    size, number = search.page_size(query), search.page_number(query)
    last = max(1, -(-len(pairs) // size)) if size else 1
    shown = pairs[(number - 1) * size:number * size]
    links = [("self", number), ("first", 1), ("last", last)]
    if number > 1:
        links.append(("previous", min(number - 1, last)))
    if number < last:
        links.append(("next", number + 1))
    entries = _entries(request, shown)
    if note:
        entries.append({"resource": json_of(note), "search": {"mode": "outcome"}})
    links = [{"relation": rel, "url": _link(request, query, page)} for rel, page in links]
    return _searchset_bundle(len(pairs), entries, links), shown


def _entries(request, pairs):
    base = request.build_absolute_uri("/fhir/")
    return [{"fullUrl": f"{base}{r.get_resource_type()}/{r.id}", "resource": r.data,
             "search": {"mode": "match"}} for _section, r in pairs]


def _searchset_bundle(total, entries, links=None):
    """A searchset Bundle of resources we made, as FHIR JSON (see mapping.Resource)."""
    return Resource(Bundle, compact(resourceType="Bundle", type="searchset", total=total,
                                    link=links, entry=entries))


@fhir_view
def search_type(request, fmt, resource_type):
    _only(request, "GET")
    kind = _kind(resource_type)
    access = api_access(request)
    query = request.GET.copy()
    tests, unknown = search.filters(kind.params, query, access.patient_id)
    note = None
    if unknown:
        message = "Unknown search parameters, not used: " + ", ".join(sorted(unknown))
        if "handling=strict" in request.headers.get("Prefer", ""):
            raise FhirError.one(400, "not-supported", message)
        note = outcome([Issue("not-supported", message, severity="warning")])
        for name in unknown:
            query.pop(name)
    pairs = search.sort([(section, resource) for section, resource
                         in readable_resources(access.actor, kind)
                         if search.matches(resource, tests)], query, kind.params)
    bundle, shown = _searchset(request, pairs, query, note)
    _record_reads(access, shown)
    return render(bundle, fmt)


@fhir_view
def everything(request, fmt, resource_id):
    """Patient/{id}/$everything: the whole plan this token may read, as one Bundle."""
    _only(request, "GET")
    access = api_access(request)
    if resource_id != access.patient_id:
        raise FhirError.one(404, "not-found", f"Patient/{resource_id[:40]} is not known.")
    pairs = [pair for kind in KINDS.values() for pair in readable_resources(access.actor, kind)]
    _record_reads(access, pairs)
    return render(_searchset_bundle(len(pairs), _entries(request, pairs)), fmt)


def transaction_response(entries, report):
    """Per entry of the request, in its order: what became of it."""
    results = []
    for entry in entries:
        where = entry.location
        added = [r for r in report.added if r[0] == where]
        updated = [r for r in report.updated if r[0] == where]
        notes = [why for place, why in report.unplaced if place == where]
        response = {"status": "201 Created" if added else "200 OK"}
        if notes:
            response["outcome"] = outcome([Issue("informational", why, where,
                                                 severity="information" if added or updated
                                                 else "warning") for why in notes])
        results.append({"response": response})
    return Bundle(type="transaction-response", entry=results or None)


@fhir_view
def transaction_view(request, fmt):
    """POST /fhir/ with a transaction Bundle: import into the token's plan, all or nothing."""
    _only(request, "POST")
    access = api_access(request)
    require_scope(access, "patient/*.write")
    content_type = NAMES.get(request.content_type.lower())
    if content_type is None:
        raise FhirError.one(415, "not-supported",
                            "Send application/fhir+json or application/fhir+xml.")
    entries = parse_transaction(read_body(request), content_type)
    check_patient_references(entries, access.patient_id)
    report = do_import_bundle(access.actor, entries)
    return render(transaction_response(entries, report), fmt)
