"""Code systems and value sets the mapping uses. Samenplan publishes its own CodeSystem of
life domains (GET /fhir/CodeSystem/samenplan-life-domains); the rest are standard."""

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

# Our own code systems, with the server's base as their canonical home.
BASE = "https://samenplan.nl/fhir"
LIFE_DOMAINS = f"{BASE}/CodeSystem/samenplan-life-domains"
PLAN_PARTS = f"{BASE}/CodeSystem/samenplan-plan-parts"  # what matters, support need, score
LOG_KINDS = f"{BASE}/CodeSystem/samenplan-log-kinds"
