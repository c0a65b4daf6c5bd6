"""Observation <-> five of our models: what matters (M2), domain scores, measurements (D1),
results (M10) and logbook entries (M7). The mapping of each lives in observation_plan.py,
observation_health.py and observation_log.py; `from_fhir()` here decides which model an
Observation becomes.

Our own id says it first (Observation/measurement-12, ids.py). Else the content does:
a plan part in the category (what matters, score), a log kind in the code, the LOINC code
of one of our kinds of measurement, or a lab result (nl-core-LaboratoryTestResult, or the
category laboratory). A lab value that is also a kind of measurement (HbA1c, LDL, ...)
becomes a result with that kind, as when a provider enters it. Anything else (a heart
rate, alcohol use, the living situation) has no place in the plan: `Mapped.model` is ""
and `unplaced` says what it was."""

from django.utils.translation import gettext as _

from .. import codes, ids
from . import Mapped
from .common import check_status, codes_in, describe, first_code, no_place, profiles
from .elements import modifier_problems, unplaced
from .observation_health import (
    kind_of,
    measurement_from_fhir,
    measurement_to_fhir,
    result_from_fhir,
    result_to_fhir,
)
from .observation_log import log_entry_from_fhir, log_entry_to_fhir
from .observation_plan import (
    score_from_fhir,
    score_to_fhir,
    what_matters_from_fhir,
    what_matters_to_fhir,
)

__all__ = ["from_fhir", "log_entry_to_fhir", "measurement_to_fhir", "result_to_fhir",
           "score_to_fhir", "what_matters_to_fhir", "target"]

PREFIXES = ("matters", "score", "measurement", "result", "log")
# The elements each model takes from an Observation (the mapping names the parts of
# `component`, `focus`, `interpretation` and so on that it leaves).
PLACED = {"status", "category", "code", "subject"}
PLACED_BY = {
    "matters": {"valueString"},
    "score": {"effectiveDateTime", "valueInteger"},
    "measurement": {"effectiveDateTime", "valueQuantity", "valueInteger", "component", "note"},
    "result": {"effectiveDateTime", "valueQuantity", "valueString", "valueCodeableConcept",
               "valueInteger", "interpretation", "referenceRange", "note"},
    "log": {"effectiveDateTime", "valueInteger", "valueString", "note", "focus"},
}
# Categories of results other than the lab's (see observation_health.RESULT_KIND).
RESULT_CATEGORIES = {"laboratory", "procedure", "imaging", "therapy", "exam"}


def _has_value(resource):
    return any(name.startswith("value") and getattr(resource, name) is not None
               for name in type(resource).model_fields) or any(
        c.valueQuantity is not None for c in resource.component or [])


def _categories(resource):
    return {code for concept in resource.category or []
            for code in codes_in(concept, codes.OBSERVATION_CATEGORY)}


def _is_lab(resource):
    return (codes.LABORATORY_TEST_RESULT in profiles(resource)
            or "laboratory" in _categories(resource))


def target(resource):
    """Which of our models this Observation becomes: "matters", "score", "measurement",
    "result", "log", or "" for none."""
    ours = ids.parse(resource.id, PREFIXES)
    if ours:
        return ours[0]
    part = first_code(resource.category or [], codes.PLAN_PARTS)
    if part == codes.WHAT_MATTERS:
        return "matters"
    if part == codes.DOMAIN_SCORES:
        return "score"
    if first_code(resource.code, codes.LOG_KINDS):
        return "log"
    categories = _categories(resource)
    lab = _is_lab(resource)
    kind = kind_of(resource.code)
    if kind and not (lab and kind.lab):
        return "measurement"
    if (lab or categories & RESULT_CATEGORIES) and _has_value(resource):
        return "result"
    return ""


def _unplaced(resource):
    if _is_lab(resource) and resource.hasMember and not _has_value(resource):
        return _("%(what)s is een groep uitslagen zonder eigen uitslag. Samenplan neemt "
                 "alleen de uitslagen zelf over, elk als een eigen Observation.") % {
                     "what": describe(resource.code)}
    return no_place(resource, resource.code)


def from_fhir(resource, domain_set=None):
    """The fields of the model this Observation becomes (`Mapped.model`). With the plan's
    `domain_set`, a life domain must be one of that set."""
    model = target(resource)
    if not model:
        return Mapped({}, unplaced=[_unplaced(resource)])
    if model == "matters":
        mapped = what_matters_from_fhir(resource, domain_set)
    elif model == "score":
        mapped = score_from_fhir(resource, domain_set)
    elif model == "measurement":
        mapped = measurement_from_fhir(resource, kind_of(resource.code))
    elif model == "result":
        mapped = result_from_fhir(resource)
    else:
        mapped = log_entry_from_fhir(resource)
    problems = modifier_problems(resource)
    check_status(resource.status, codes.OBSERVATION_STATUS, codes.OBSERVATION_WITHDRAWN,
                 "Observation.status", problems)
    mapped.problems[:0] = problems
    mapped.unplaced[:0] = unplaced(resource, PLACED | PLACED_BY[model])
    return mapped
