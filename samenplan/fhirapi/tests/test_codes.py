"""The CodeSystems Samenplan publishes: life domains of both domain sets, plan parts and
logbook kinds, as valid R4B resources, in Dutch with an English designation."""

import pytest
from django.utils import translation
from fhir.resources.R4B.codesystem import CodeSystem

from samenplan.fhirapi import codes
from samenplan.health.constants import LogKind
from samenplan.plans.constants import DOMAINS, DomainSet


def concepts(code_system):
    """Every concept, the grouping ones included: {code: concept}."""
    found = {}

    def walk(items):
        for concept in items or []:
            found[concept.code] = concept
            walk(concept.concept)

    walk(code_system.concept)
    return found


def test_there_are_three_code_systems_at_their_canonical_urls():
    assert [cs.url for cs in codes.code_systems()] == [
        codes.LIFE_DOMAINS, codes.PLAN_PARTS, codes.LOG_KINDS]
    assert [cs.id for cs in codes.code_systems()] == [
        "samenplan-life-domains", "samenplan-plan-parts", "samenplan-log-kinds"]


@pytest.mark.parametrize("code_system", codes.code_systems(), ids=lambda cs: cs.id)
def test_each_is_active_complete_counted_and_valid_as_json_and_xml(code_system):
    assert (code_system.status, code_system.content) == ("active", "complete")
    assert code_system.count == len(concepts(code_system))
    assert CodeSystem.model_validate(code_system.model_dump()) == code_system
    again = CodeSystem.model_validate_xml(code_system.model_dump_xml())
    assert again.model_dump() == code_system.model_dump()


def test_the_life_domains_of_both_sets_are_grouped_by_their_set():
    life_domains = codes.code_system("samenplan-life-domains")
    groups = {group.code: [c.code for c in group.concept] for group in life_domains.concept}
    assert groups == {domain_set.value: [code for code, _name, _help in DOMAINS[domain_set]]
                      for domain_set in DomainSet}
    assert life_domains.hierarchyMeaning == "grouped-by"
    positive_health = life_domains.concept[0]
    assert positive_health.property[0].code == "notSelectable"
    assert positive_health.property[0].valueBoolean is True


def test_a_domain_reads_in_dutch_with_its_explanation_and_in_english():
    body = concepts(codes.code_system("samenplan-life-domains"))["body"]
    assert body.display == "Mijn lichaam"
    assert body.definition == "Hoe voelt mijn lichaam? Kan ik doen wat ik wil?"
    assert [(d.language, d.value) for d in body.designation] == [("en", "My body")]


def test_displays_stay_dutch_when_the_reader_reads_english():
    with translation.override("en"):
        log_kinds = codes.code_system("samenplan-log-kinds")
    assert concepts(log_kinds)["pain"].display == "Pijn"


def test_every_log_kind_and_plan_part_is_published():
    assert set(concepts(codes.code_system("samenplan-log-kinds"))) == set(LogKind.values)
    assert set(concepts(codes.code_system("samenplan-plan-parts"))) == {
        "what_matters", "support_needs", "domain_scores"}


def test_an_unknown_code_system_is_none():
    assert codes.code_system("samenplan-onbekend") is None
