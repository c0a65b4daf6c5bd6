"""The FHIR ids of Samenplan's data: one scheme, used by the mapping, the API and the
import. An id is unique per resource type. Where one FHIR type holds rows of several of
our models (Observation, RelatedPerson), the id starts with the model's prefix.

    Patient/{plan}            the person whose plan it is (the plan's profile)
    CarePlan/{plan}           the plan itself
    CarePlan/help-{action}    help from a naaste (nl-core-HelpFromOthers), one per action
    CareTeam/{plan}           everyone who takes part
    Goal/{goal}
    Condition/need-{note}     a support need in a life domain (M3)
    Observation/matters-{note} | score-{score} | measurement-{m} | result-{r} | log-{entry}
    RelatedPerson/member-{membership} | contact-{contact}
    Practitioner/{user}
    PractitionerRole/{membership}
    Organization/{organisation}
    MedicationStatement/{medication}
    Appointment/{appointment}
"""

import re

ID = re.compile(r"^(?:(?P<prefix>[a-z]+)-)?(?P<pk>[1-9][0-9]{0,17})$")


def make(pk, prefix=None):
    return f"{prefix}-{pk}" if prefix else str(pk)


def parse(fhir_id, prefixes=(None,)):
    """(prefix, pk) of one of our ids, the prefix one of `prefixes`; None if it is not."""
    match = ID.match(fhir_id or "")
    if not match or match["prefix"] not in prefixes:
        return None
    return match["prefix"], int(match["pk"])


def reference(resource_type, pk, prefix=None):
    return {"reference": f"{resource_type}/{make(pk, prefix)}"}
