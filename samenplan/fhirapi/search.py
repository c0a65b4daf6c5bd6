"""Search on the mapped resources, by the FHIR R4 search rules (§3.1.1.4, search.html).

A plan holds hundreds to a few thousand resources (a year of logbook and measurements), so
a search maps the resources the reader may see and filters them here, on the FHIR form
itself (the JSON we made, see mapping.Resource). That keeps one meaning of every parameter
for every source behind a resource type, and the answer is what `read` would give. Which
parameters a type has is declared in `resources.py`.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone

from .formats import FhirError, Issue

PAGE_SIZE, MAX_PAGE_SIZE = 50, 200
RESULT_PARAMETERS = {"_count", "_sort", "_format", "page"}
NO_MOMENT = datetime.datetime.min.replace(tzinfo=datetime.UTC)  # sorts first
DATE_PREFIXES = ("eq", "ne", "lt", "gt", "le", "ge", "sa", "eb")
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
                  r"(Z|[+-]\d{2}:\d{2})?)?)?)?$")


@dataclass(frozen=True)
class Param:
    """A search parameter: its kind (token, date, reference) and what it reads."""

    kind: str
    values: object  # resource -> list of values (tokens as (system, code), dates, refs)


def _bad(name, value, why):
    return FhirError(400, [Issue("invalid", f"Search parameter {name}={value[:60]}: {why}",
                                 name)])


def _date_range(name, text):
    """The moments [start, end) that a FHIR date of some precision stands for."""
    match = DATE.match(text)
    if not match:
        raise _bad(name, text, "not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime).")
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        tz = timezone.get_current_timezone() if zone is None else (
            datetime.UTC if zone == "Z" else datetime.datetime.strptime(zone, "%z").tzinfo)
        start = datetime.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                                  int(minute or 0), int(second or 0), tzinfo=tz)
    except ValueError as error:
        raise _bad(name, text, str(error)) from None
    if hour is not None:
        step = datetime.timedelta(seconds=1 if second else 60)
        return start, start + step
    if day is not None:
        return start, start + datetime.timedelta(days=1)
    if month is not None:
        return start, (start + datetime.timedelta(days=32)).replace(day=1)
    return start, start.replace(year=start.year + 1)


def _moment_range(value):
    """The moments [start, end) of a value in a resource (a date or a dateTime)."""
    if isinstance(value, datetime.datetime):
        moment = value if value.tzinfo else timezone.make_aware(value)
        return moment, moment + datetime.timedelta(seconds=1)
    start = timezone.make_aware(datetime.datetime.combine(value, datetime.time()))
    return start, start + datetime.timedelta(days=1)


def _date_matches(prefix, asked, value):
    (low, high), (start, end) = asked, _moment_range(value)
    return {
        "eq": low <= start and end <= high,
        "ne": not (low <= start and end <= high),
        "lt": start < low, "gt": end > high,
        "le": start < high, "ge": end > low,
        "sa": start >= high, "eb": end <= low,
    }[prefix]


def _date_test(name, text):
    prefix = text[:2] if text[:2] in DATE_PREFIXES else "eq"
    asked = _date_range(name, text[2:] if text[:2] in DATE_PREFIXES else text)
    return lambda value: _date_matches(prefix, asked, value)


def _token_test(text):
    """`code`, `system|code`, `|code` (no system) or `system|` (any code of it)."""
    if "|" not in text:
        return lambda value: value[1] == text
    system, code = text.split("|", 1)
    if not code:
        return lambda value: value[0] == system
    if not system:
        return lambda value: not value[0] and value[1] == code
    return lambda value: tuple(value) == (system, code)


def _reference_test(text, patient_id):
    wanted = text.removeprefix("Patient/")
    return lambda value: value == f"Patient/{wanted}" or value == wanted == patient_id


def filters(params, query, patient_id):
    """The tests that `query` asks for (every value must match: AND; a comma in one value
    is OR), and the names of the parameters that are not ours."""
    tests, unknown = [], []
    for name in query:
        if name in RESULT_PARAMETERS:
            continue
        base = name.split(":")[0]
        if base not in params or base != name:  # modifiers such as :exact are not offered
            unknown.append(name)
            continue
        param = params[base]
        for value in query.getlist(name):
            if not value:
                raise _bad(name, value, "empty.")
            if param.kind == "date":
                alternatives = [_date_test(name, part) for part in value.split(",")]
            elif param.kind == "reference":
                alternatives = [_reference_test(part, patient_id) for part in value.split(",")]
            else:
                alternatives = [_token_test(part) for part in value.split(",")]
            tests.append((param, alternatives))
    return tests, unknown


def matches(resource, tests):
    return all(any(test(value) for value in param.values(resource) for test in alternatives)
               for param, alternatives in tests)


def page_size(query):
    text = query.get("_count", str(PAGE_SIZE))
    if not text.isdigit():
        raise _bad("_count", text, "not a whole number.")
    return min(int(text), MAX_PAGE_SIZE)


def page_number(query):
    text = query.get("page", "1")
    if not text.isdigit() or int(text) < 1:
        raise _bad("page", text, "not a page number.")
    return int(text)


def sort(pairs, query, params):
    """(section, resource) pairs sorted as `_sort` asks: by date (oldest first), -date
    (newest first) or _id."""
    asked = query.get("_sort")
    if not asked:
        return pairs
    for key in reversed(asked.split(",")):
        name = key.removeprefix("-")
        if name == "_id":
            def value(pair):
                return pair[1].id
        elif name in params and params[name].kind == "date":
            def value(pair, param=params[name]):
                moments = [_moment_range(v)[0] for v in param.values(pair[1])]
                return min(moments) if moments else NO_MOMENT
        else:
            raise _bad("_sort", asked, f"this type cannot be sorted by {name}.")
        pairs = sorted(pairs, key=value, reverse=key.startswith("-"))
    return pairs
