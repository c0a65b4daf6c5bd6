"""Code systems and value sets the mapping uses. Samenplan publishes its own CodeSystems of
life domains (GET /fhir/CodeSystem/samenplan-life-domains), plan parts and logbook kinds:
`code_systems()` builds them. The rest are standard."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from fhir.resources.R4B.codesystem import CodeSystem

from samenplan.health.constants import LogKind
from samenplan.plans.constants import DOMAINS, DomainSet
from samenplan.plans.sections import SECTIONS

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"

# Our own code systems, with the server's base as their canonical home.
BASE = "https://samenplan.nl/fhir"
LIFE_DOMAINS = f"{BASE}/CodeSystem/samenplan-life-domains"
PLAN_PARTS = f"{BASE}/CodeSystem/samenplan-plan-parts"  # what matters, support need, score
LOG_KINDS = f"{BASE}/CodeSystem/samenplan-log-kinds"
# A medicine's strength as written ("500 mg"): FHIR has only a coded ratio for it.
MEDICATION_STRENGTH = f"{BASE}/StructureDefinition/medication-strength"

# The parts of the plan that become an Observation or Condition, named as in sections.py.
WHAT_MATTERS, SUPPORT_NEEDS, DOMAIN_SCORES = "what_matters", "support_needs", "domain_scores"

# Dutch profiles (Nictiz nl-core, zib2020), as the examples in shared/fhir-examples name
# them, and the one HL7 vital signs profile we meet where nl-core has none.
NL_CORE = "http://nictiz.nl/fhir/StructureDefinition"
BLOOD_PRESSURE = f"{NL_CORE}/nl-core-BloodPressure"
BODY_WEIGHT = f"{NL_CORE}/nl-core-BodyWeight"
LABORATORY_TEST_RESULT = f"{NL_CORE}/nl-core-LaboratoryTestResult"
PAIN_SCORE = f"{NL_CORE}/nl-core-PainScore"
HL7_BMI = "http://hl7.org/fhir/StructureDefinition/bmi"

# nl-core-PainScore fixes its code to SNOMED "pijnscore"; the LOINC 0-10 score goes with it.
PAIN_SCORE_SNOMED = ("225908003", "pijnscore")

# The status value sets (required bindings: fhir.resources checks only the code's form).
OBSERVATION_STATUS = {"registered", "preliminary", "final", "amended", "corrected",
                      "cancelled", "entered-in-error", "unknown"}
OBSERVATION_WITHDRAWN = {"cancelled", "entered-in-error"}
MEDICATION_STATEMENT_STATUS = {"active", "completed", "entered-in-error", "intended",
                               "stopped", "on-hold", "unknown", "not-taken"}
MEDICATION_STATEMENT_WITHDRAWN = {"entered-in-error", "not-taken"}
APPOINTMENT_STATUS = {"proposed", "pending", "booked", "arrived", "fulfilled", "cancelled",
                      "noshow", "entered-in-error", "checked-in", "waitlist"}
APPOINTMENT_WITHDRAWN = {"cancelled", "noshow", "entered-in-error"}

# Our own code systems are written in Dutch, with an English designation per concept.
DISPLAY_LANGUAGE, OTHER_LANGUAGES = "nl", ("en",)


def display(text):
    """A code's display as our CodeSystems publish it: in Dutch, whoever asks."""
    with translation.override(DISPLAY_LANGUAGE):
        return str(text)


PLAN_PART_NAMES = {key: SECTIONS[key].title_own
                   for key in (WHAT_MATTERS, SUPPORT_NEEDS, DOMAIN_SCORES)}


def _concept(code, name, definition=None, children=None, not_selectable=False):
    concept = {"code": code, "display": display(name)}
    if definition:
        concept["definition"] = display(definition)
    concept["designation"] = []
    for language in OTHER_LANGUAGES:
        with translation.override(language):
            concept["designation"].append({"language": language, "value": str(name)})
    if not_selectable:
        concept["property"] = [{"code": "notSelectable", "valueBoolean": True}]
    if children:
        concept["concept"] = children
    return concept


def _code_system(url, name, title, description, concepts, **extra):
    return CodeSystem.model_validate({
        "resourceType": "CodeSystem",
        "id": url.rsplit("/", 1)[1],
        "url": url,
        "name": name,
        "title": display(title),
        "status": "active",
        "experimental": False,
        "publisher": "Samenplan",
        "description": display(description),
        "language": DISPLAY_LANGUAGE,
        "caseSensitive": True,
        "content": "complete",
        "count": sum(1 + len(c.get("concept", [])) for c in concepts),
        "concept": concepts,
        **extra,
    })


def code_systems():
    """The CodeSystems Samenplan publishes, as R4B models."""
    domain_sets = [
        _concept(domain_set.value, domain_set.label, not_selectable=True, children=[
            _concept(code, name, help_text) for code, name, help_text in DOMAINS[domain_set]
        ])
        for domain_set in DomainSet
    ]
    return [
        _code_system(
            LIFE_DOMAINS, "SamenplanLifeDomains", _("Levensgebieden in Samenplan"),
            _("De levensgebieden waarin iemand opschrijft wat belangrijk is, waar hulp bij "
              "nodig is en welk cijfer het krijgt. Er zijn twee indelingen; elk plan "
              "gebruikt er een."),
            domain_sets,
            hierarchyMeaning="grouped-by",
            property=[{"code": "notSelectable", "type": "boolean",
                       "uri": "http://hl7.org/fhir/concept-properties#notSelectable"}],
        ),
        _code_system(
            PLAN_PARTS, "SamenplanPlanParts", _("Delen van het plan in Samenplan"),
            _("Het deel van het plan waar een gegeven bij hoort."),
            [_concept(code, name) for code, name in PLAN_PART_NAMES.items()],
        ),
        _code_system(
            LOG_KINDS, "SamenplanLogKinds", _("Soorten logboekberichten in Samenplan"),
            _("Wat iemand in het logboek opschrijft."),
            [_concept(kind.value, kind.label) for kind in LogKind],
        ),
    ]


def code_system(code_system_id):
    """One of our CodeSystems by its id ("samenplan-life-domains"), or None."""
    for resource in code_systems():
        if resource.id == code_system_id:
            return resource
    return None
