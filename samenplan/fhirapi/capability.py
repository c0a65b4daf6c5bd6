"""GET /fhir/metadata: a CapabilityStatement of exactly what the API does, made from the
same table the API runs on (`resources.KINDS`), so the two cannot drift apart."""

from django.utils import timezone
from fhir.resources.R4B.capabilitystatement import CapabilityStatement

from .codes import code_systems
from .resources import KINDS

RESULT_PARAMETERS = [("_count", "number", "Results per page (at most 200)."),
                     ("_sort", "string", "date or -date where the type has a date; _id."),
                     ("page", "number", "The page of the results.")]


def _resource(resource_type, kind):
    entry = {
        "type": resource_type,
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [{"name": "_id", "type": "token"}] + [
            {"name": name, "type": param.kind}  # token, date or reference
            for name, param in kind.params.items() if name != "_id"
        ] + [{"name": name, "type": kind_, "documentation": text}
             for name, kind_, text in RESULT_PARAMETERS],
    }
    if kind.profiles:
        entry["supportedProfile"] = list(kind.profiles)
    if resource_type == "Patient":
        entry["operation"] = [{"name": "everything",
                               "definition": "http://hl7.org/fhir/OperationDefinition/"
                                             "Patient-everything"}]
    return entry


def capability_statement(base_url):
    return CapabilityStatement(
        status="active", date=timezone.now().isoformat(timespec="seconds"), kind="instance",
        publisher="Samenplan", fhirVersion="4.0.1", format=["json", "xml"],
        software={"name": "Samenplan"},
        implementation={"description": "Samenplan FHIR R4 API", "url": base_url},
        rest=[{
            "mode": "server",
            "security": {
                "cors": False,
                "service": [{"coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                    "code": "SMART-on-FHIR"}]}],
                "description": "OAuth2 authorization code with PKCE; scopes patient/*.read "
                               "and patient/*.write. A token is for one plan.",
            },
            "resource": [_resource(t, kind) for t, kind in sorted(KINDS.items())] + [
                {"type": "CodeSystem", "interaction": [{"code": "read"}],
                 "documentation": "The code systems Samenplan publishes: "
                                  + ", ".join(c.id for c in code_systems()) + "."}],
            "interaction": [{"code": "transaction", "documentation":
                             "POST a transaction Bundle to import into the token's plan; "
                             "needs patient/*.write."}],
        }],
    )
