"""What the mapping modules of people and the plan share: the nl-core profile in `meta`,
names, telecom and address, the type of a reference, and the two checks every
`from_fhir()` makes (modifier extensions we do not know, elements we do not place)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from . import Problem

NL_CORE = "http://nictiz.nl/fhir/StructureDefinition/"

# Parts of a resource that are not data of the plan: the id is ours to give, the narrative
# is a rendering of the data, meta and language say how it is written.
NOT_DATA = {"resourceType", "id", "meta", "text", "language"}

# Dutch voorvoegsels: in "Anna de Vries" the family name is "de Vries", and "Vries" is
# what it sorts under (nl-core-NameInformation: humanname-own-prefix and own-name).
PREFIXES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "aan"}
EXT_OWN_PREFIX = "http://hl7.org/fhir/StructureDefinition/humanname-own-prefix"
EXT_OWN_NAME = "http://hl7.org/fhir/StructureDefinition/humanname-own-name"
PHONE_LENGTH = 30  # as our phone fields


def dutch(label):
    """A label of ours as text in a resource: Dutch, whoever asks, like the plan itself."""
    with translation.override("nl"):
        return str(label)


def meta(profile_name):
    return {"profile": [NL_CORE + profile_name]}


# --- names, telecom, address ---------------------------------------------------------------

def human_name(full_name):
    """Our single name field as a HumanName: the whole name as `text` (what we show), the
    first word as given name and the rest as family name."""
    words = full_name.split()
    name = {"use": "official", "text": full_name}
    if len(words) > 1:
        name["given"] = words[:1]
    family = words[1:] or words
    if family:
        name["family"] = " ".join(family)
        prefix = []
        while family[1:] and family[0].lower() in PREFIXES:
            prefix.append(family.pop(0))
        if prefix:
            name["_family"] = {"extension": [
                {"url": EXT_OWN_PREFIX, "valueString": " ".join(prefix)},
                {"url": EXT_OWN_NAME, "valueString": " ".join(family)},
            ]}
    return [name]


def read_name(path, names):
    """(name, unplaced): the official name (or else the first) as one text. Its parts
    need no place of their own, they are in the text; other names are not placed."""
    if not names:
        return "", []
    chosen = next((i for i, name in enumerate(names) if name.use == "official"), 0)
    name = names[chosen]
    text = name.text or " ".join(
        [*(name.prefix or []), *(name.given or []), name.family or "", *(name.suffix or [])])
    unplaced = [f"{path}.name[{i}]" for i in range(len(names)) if i != chosen]
    return " ".join(text.split()), unplaced


def telecom(phone, email, use=None):
    points = [{"system": "phone", "value": phone}, {"system": "email", "value": email}]
    return [dict(point, use=use) if use else point for point in points if point["value"]]


def read_telecom(path, points, problems, systems=("phone", "email")):
    """(found, unplaced): per system we keep ("phone", "email"), its first value, checked
    as our fields check it."""
    found, unplaced = {}, []
    for i, point in enumerate(points or []):
        if point.system in systems and point.system not in found and point.value:
            found[point.system] = point.value
            _check_point(f"{path}.telecom[{i}]", point, problems)
        else:
            unplaced.append(f"{path}.telecom[{i}]")
    return {system: found.get(system, "") for system in systems}, unplaced


def _check_point(location, point, problems):
    if point.system == "phone" and len(point.value) > PHONE_LENGTH:
        problems.append(Problem(location, _("Dit telefoonnummer is te lang: %(value)s.")
                                % {"value": point.value}))
    if point.system == "email":
        try:
            validate_email(point.value)
        except ValidationError:
            problems.append(Problem(location, _("Dit e-mailadres klopt niet: %(value)s.")
                                    % {"value": point.value}))


def read_address(path, addresses):
    """(address, unplaced): our address is one line of text, such as "Dorpsstraat 1,
    1234 AB Ergens"; the first address gives it, from its text or from its parts."""
    if not addresses:
        return "", []
    address = addresses[0]
    unplaced = [f"{path}.address[{i}]" for i in range(1, len(addresses))]
    if address.text:
        return address.text, unplaced
    town = " ".join(part for part in (address.postalCode, address.city) if part)
    text = ", ".join(part for part in (" ".join(address.line or []), town) if part)
    unplaced += [f"{path}.address[0].{key}" for key in ("district", "state", "country", "period")
                 if getattr(address, key)]
    return text, unplaced


def read_date(location, value, problems):
    """A date as we keep it: FHIR also allows only a year or a month ("1934-04"), which
    we cannot keep, so that is a problem."""
    if value is None or isinstance(value, datetime.date):
        return value
    problems.append(Problem(location, _(
        "Deze datum is niet compleet: %(date)s. Vul de dag, de maand en het jaar in.")
        % {"date": value}))
    return None


# --- references ----------------------------------------------------------------------------

def reference_type(reference):
    """The resource type a reference points at: from `type`, or else from the URL."""
    if reference is None:
        return None
    if reference.type:
        return reference.type
    kind = (reference.reference or "").rpartition("/")[0]
    return kind.rpartition("/")[2] or None


# --- the checks of every from_fhir() -------------------------------------------------------

def unplaced(element, placed, path=None):
    """The elements of a resource (or of one of its parts, at `path`) that are neither
    placed nor left out on purpose: "Patient.identifier", ... An extension of a primitive
    ("_birthDate") counts as that element."""
    names = {key.lstrip("_") for key in element.model_dump()} - NOT_DATA - set(placed)
    path = path or element.get_resource_type()
    return [f"{path}.{name}" for name in sorted(names)]


def modifier_problems(resource):
    """A modifier extension changes what the rest means (FHIR says: do not use the resource
    without understanding it). We know none, so each one stops the import."""
    problems = []

    def walk(value, path):
        if isinstance(value, dict):
            for extension in value.get("modifierExtension") or []:
                problems.append(Problem(f"{path}.modifierExtension", _(
                    "Hierin staat een uitbreiding die de betekenis verandert. Die kennen we "
                    "niet: %(url)s.") % {"url": extension.get("url", "")}))
            for key, item in value.items():
                walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")

    walk(resource.model_dump(), resource.get_resource_type())
    return problems


def unknown_code(location, code):
    return Problem(location, _("Deze code kennen we niet: %(code)s.") % {"code": code})
