"""What matters to me (M2) and my own 0-10 score per life domain as FHIR Observations,
and back. Pure: no database access.

There is no nl-core profile for either. The Observation's code is the life domain, from
the CodeSystem Samenplan publishes (codes.LIFE_DOMAINS); a second category, from our plan
parts, says which of the two it is. What matters is the text in the person's own words
(valueString); a score is valueInteger."""

from django.utils.translation import gettext as _
from fhir.resources.R4B.observation import Observation

from samenplan.plans.models import LONG, DomainNote

from .. import codes, ids
from . import Mapped, Problem, Resource
from .common import (
    coding,
    compact,
    day,
    fhir_moment,
    life_domain,
    life_domain_from,
    plan_part,
    subject,
    text,
)


def _observation(part, pk, prefix, plan_id, domain_set, domain, **values):
    return Resource(Observation, compact(
        resourceType="Observation",
        id=ids.make(pk, prefix),
        status="final",
        category=[{"coding": [coding(codes.OBSERVATION_CATEGORY, "survey")]}, plan_part(part)],
        code=life_domain(domain_set, domain),
        subject=subject(plan_id),
        **values,
    ))


def what_matters_to_fhir(note, domain_set):
    """A DomainNote of the section what_matters."""
    return _observation(codes.WHAT_MATTERS, note.pk, "matters", note.plan_id, domain_set,
                        note.domain, effectiveDateTime=fhir_moment(note.updated_at),
                        valueString=note.text or None)


def score_to_fhir(score, domain_set):
    return _observation(codes.DOMAIN_SCORES, score.pk, "score", score.plan_id, domain_set,
                        score.domain, effectiveDateTime=score.scored_on,
                        valueInteger=score.score)


def what_matters_from_fhir(resource, domain_set=None):
    problems = []
    fields = {
        "domain": life_domain_from(resource.code, "Observation.code", problems, domain_set),
        "section": DomainNote.WHAT_MATTERS,
        "text": text(resource.valueString, LONG, "Observation.valueString", problems),
    }
    return Mapped(fields, problems, model="matters")


def score_from_fhir(resource, domain_set=None):
    problems = []
    score = resource.valueInteger
    if score is None or not 0 <= score <= 10:
        problems.append(Problem("Observation.valueInteger", _(
            "Een cijfer is een heel getal van 0 tot en met 10.")))
    fields = {
        "domain": life_domain_from(resource.code, "Observation.code", problems, domain_set),
        "score": score,
        "scored_on": day(resource.effectiveDateTime, "Observation.effectiveDateTime",
                         problems, past=True),
    }
    return Mapped(fields, problems, model="score")
