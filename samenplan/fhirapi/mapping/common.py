"""What the mapping modules share: codings, references, moments and the checks that
fhir.resources (which checks the form of a resource, not its meaning) leaves to us."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from samenplan.plans.constants import DOMAINS, Role, domain_name, domains_for

from .. import codes, ids
from . import Problem

SYSTEM_NAMES = {codes.LOINC: "LOINC", codes.SNOMED: "SNOMED CT"}
# A moment someone measured may lie a little ahead of our clock (as in health/forms.py).
FUTURE_SLACK = timedelta(minutes=5)


def coding(system, code, display=None):
    return {"system": system, "code": code, **({"display": display} if display else {})}


def compact(**values):
    """The elements of a resource that have a value: FHIR has no empty elements."""
    return {name: value for name, value in values.items() if value not in (None, "", [], {})}


def codes_in(concept, system):
    """The codes of one code system in a CodeableConcept, in their order."""
    if concept is None:
        return []
    return [c.code for c in concept.coding or [] if c.system == system and c.code]


def first_code(concepts, system):
    """The first code of `system` in one or more CodeableConcepts (a category list)."""
    for concept in concepts if isinstance(concepts, list) else [concepts]:
        if found := codes_in(concept, system):
            return found[0]
    return None


def describe(concept):
    """A CodeableConcept as people read it in a message: "Heart rate (LOINC 8867-4)"."""
    if concept is None:
        return _("(zonder code)")
    coded = next((c for c in concept.coding or [] if c.code), None)
    name = concept.text or next((c.display for c in concept.coding or [] if c.display), None)
    if coded is None:
        return name or _("(zonder code)")
    code = f"{SYSTEM_NAMES.get(coded.system, coded.system or '')} {coded.code}".strip()
    return f"{name} ({code})" if name else code


def profiles(resource):
    return set(resource.meta.profile or []) if resource.meta else set()


def no_place(resource, concept):
    """Why a resource is not placed: Samenplan has no place for what `concept` names."""
    what = describe(concept)
    if names := ", ".join(sorted(p.rsplit("/", 1)[-1] for p in profiles(resource))):
        what = f"{what}, {names}"
    return _("Hier heeft Samenplan geen plek voor: %(what)s.") % {"what": what}


def subject(plan_id):
    return ids.reference("Patient", plan_id)


def member_reference(membership):
    """Someone who takes part in the plan: the patient, a naaste or a provider."""
    if membership.role == Role.PATIENT:
        return ids.reference("Patient", membership.plan_id)
    if membership.role == Role.PROVIDER:
        return ids.reference("PractitionerRole", membership.pk)
    return ids.reference("RelatedPerson", membership.pk, "member")


def referenced(reference, resource_type, prefixes=(None,)):
    """(prefix, pk) of one of our resources in a Reference ("RelatedPerson/member-4", or
    the same as a full URL); None if it points elsewhere."""
    if reference is None or not reference.reference:
        return None
    parts = reference.reference.rstrip("/").split("/")
    if len(parts) < 2 or parts[-2] != resource_type:
        return None
    return ids.parse(parts[-1], prefixes)


def fhir_moment(moment):
    """A moment as FHIR writes it, in our time zone (TIME_ZONE: the API has no user's)."""
    return moment.astimezone(timezone.get_default_timezone()).isoformat()


def moment(value, location, problems, past=True):
    """An aware datetime from a FHIR dateTime; a day alone counts from its start here. A
    moment that is not exact to the day, or (with `past`) lies in the future, is a problem."""
    if isinstance(value, datetime):
        found = value
    elif isinstance(value, date):
        found = timezone.make_aware(datetime.combine(value, time()))
    elif value is None:
        problems.append(Problem(location, _("Hier hoort een datum en tijd.")))
        return None
    else:
        problems.append(Problem(location, _("Deze datum is niet precies genoeg: %(value)s. "
                                            "Geef ook de dag.") % {"value": value}))
        return None
    if past and found > timezone.now() + FUTURE_SLACK:
        problems.append(Problem(location, _("Dit tijdstip ligt in de toekomst.")))
    return found


def day(value, location, problems, required=True, past=False):
    """A date from a FHIR date or dateTime (a moment counts as its day here)."""
    if value is None and not required:
        return None
    found = moment(value, location, problems, past=past)
    return None if found is None else timezone.localdate(found)


def number(value, location, problems, decimal_places=2, max_digits=10):
    """A FHIR decimal as a Decimal that fits our number fields; a problem if it has more
    decimals or digits."""
    found = Decimal(str(value))
    if -found.normalize().as_tuple().exponent > decimal_places:
        problems.append(Problem(location, _("Dit getal heeft te veel cijfers na de komma: "
                                            "%(value)s. Het mogen er hooguit %(n)s zijn.")
                                % {"value": value, "n": decimal_places}))
    elif abs(found) >= Decimal(10) ** (max_digits - decimal_places):
        problems.append(Problem(location, _("Dit getal is te groot om te bewaren: %(value)s.")
                                % {"value": value}))
    return found


def text(value, max_length, location, problems, required=False):
    """Text for one of our fields: too long, or missing where it must be, is a problem."""
    found = (value or "").strip()
    if required and not found:
        problems.append(Problem(location, _("Dit ontbreekt, en het is nodig.")))
    if len(found) > max_length:
        problems.append(Problem(location, _("Deze tekst is te lang: %(length)s tekens. Het "
                                            "mogen er hooguit %(max)s zijn.")
                                % {"length": len(found), "max": max_length}))
    return found


def check_status(status, allowed, withdrawn, location, problems):
    """A status from its value set; one that withdraws the data stops the import."""
    if status not in allowed:
        problems.append(Problem(location, _("Deze status kennen we niet: %(status)s.")
                                % {"status": status}))
    elif status in withdrawn:
        problems.append(Problem(location, _("Dit is ingetrokken of gaat niet door (status "
                                            "%(status)s). Daarom nemen we het niet over.")
                                % {"status": status}))


# --- our own code systems ---------------------------------------------------------------

def plan_part(code):
    return {"coding": [coding(codes.PLAN_PARTS, code, codes.display(codes.PLAN_PART_NAMES[code]))]}


def life_domain(domain_set, code):
    return {"coding": [coding(codes.LIFE_DOMAINS, code,
                              codes.display(domain_name(domain_set, code)))]}


def life_domain_from(concept, location, problems, domain_set=None):
    """The code of one of our life domains (of the plan's set, when it is given)."""
    code = first_code(concept, codes.LIFE_DOMAINS)
    sets = [domain_set] if domain_set else list(DOMAINS)
    known = {c for each in sets for c, _name, _help in domains_for(each)}
    if code not in known:
        problems.append(Problem(location, _(
            "Dit levensgebied kennen we niet: %(code)s. Gebruik een code uit %(system)s.") % {
                "code": code or _("(geen)"), "system": codes.LIFE_DOMAINS}))
    return code
