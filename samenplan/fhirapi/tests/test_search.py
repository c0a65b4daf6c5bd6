"""The FHIR search rules on mapped resources: tokens, dates with prefixes and precision,
references, AND and OR, sorting, and unknown or bad parameters."""

import pytest
from django.http import QueryDict
from fhir.resources.R4B.observation import Observation

from samenplan.fhirapi import search
from samenplan.fhirapi.formats import FhirError

# The rules, on parameters like those of Observation in resources.py.
PARAMS = {
    "_id": search.Param("token", lambda r: [(None, r.id)]),
    "patient": search.Param("reference", lambda r: [r.subject.reference]),
    "code": search.Param("token", lambda r: [(c.system, c.code) for c in r.code.coding]),
    "status": search.Param("token", lambda r: [(None, r.status)]),
    "date": search.Param("date", lambda r: [r.effectiveDateTime]),
}


def observation(pk, code, moment, status="final", system="http://loinc.org"):
    return Observation(id=f"measurement-{pk}", status=status, subject={"reference": "Patient/7"},
                       code={"coding": [{"system": system, "code": code}]},
                       effectiveDateTime=moment)


WEIGHT_JAN = observation(1, "29463-7", "2026-01-15T10:00:00+01:00")
WEIGHT_MAR = observation(2, "29463-7", "2026-03-01T08:30:00+01:00")
PRESSURE_MAR = observation(3, "85354-9", "2026-03-20T09:00:00+01:00", status="amended")
ALL = [WEIGHT_JAN, WEIGHT_MAR, PRESSURE_MAR]


def found(query_string):
    query = QueryDict(query_string)
    tests, unknown = search.filters(PARAMS, query, "7")
    assert unknown == []
    return [r.id for r in ALL if search.matches(r, tests)]


@pytest.mark.parametrize("query, ids", [
    ("code=29463-7", ["measurement-1", "measurement-2"]),
    ("code=http://loinc.org|85354-9", ["measurement-3"]),
    ("code=http://example.org|85354-9", []),
    ("code=http://loinc.org|", ["measurement-1", "measurement-2", "measurement-3"]),
    ("code=29463-7,85354-9", ["measurement-1", "measurement-2", "measurement-3"]),
    ("status=amended", ["measurement-3"]),
    ("_id=measurement-2", ["measurement-2"]),
    ("patient=Patient/7", ["measurement-1", "measurement-2", "measurement-3"]),
    ("patient=7", ["measurement-1", "measurement-2", "measurement-3"]),
    ("patient=8", []),
    ("date=2026-03", ["measurement-2", "measurement-3"]),
    ("date=2026-01-15", ["measurement-1"]),
    ("date=ge2026-03-01", ["measurement-2", "measurement-3"]),
    ("date=lt2026-03-01", ["measurement-1"]),
    ("date=gt2026-03-01&date=le2026-03-31", ["measurement-3"]),
    ("date=2025", []),
    ("date=ne2026-03", ["measurement-1"]),
    ("code=29463-7&date=ge2026-02", ["measurement-2"]),
])
def test_it_finds_what_the_parameters_ask_for(query, ids):
    assert found(query) == ids


def test_unknown_parameters_and_modifiers_are_named_not_used():
    _tests, unknown = search.filters(PARAMS, QueryDict("colour=red&code:text=weight&_count=2"),
                                     "7")
    assert sorted(unknown) == ["code:text", "colour"]


@pytest.mark.parametrize("query", ["date=2026-13-01", "date=gisteren", "date=", "_count=veel",
                                   "page=0", "_sort=colour"])
def test_a_bad_value_is_a_400_that_says_which_parameter(query):
    with pytest.raises(FhirError) as refused:
        q = QueryDict(query)
        search.filters(PARAMS, q, "7")
        search.page_size(q)
        search.page_number(q)
        search.sort([("measurements", r) for r in ALL], q, PARAMS)
    assert refused.value.status == 400
    assert query.split("=")[0] in refused.value.issues[0].message


def test_it_sorts_by_date_both_ways_and_by_id():
    pairs = [("measurements", r) for r in (WEIGHT_MAR, PRESSURE_MAR, WEIGHT_JAN)]
    newest = search.sort(pairs, QueryDict("_sort=-date"), PARAMS)
    assert [r.id for _s, r in newest] == ["measurement-3", "measurement-2", "measurement-1"]
    oldest = search.sort(pairs, QueryDict("_sort=date"), PARAMS)
    assert [r.id for _s, r in oldest] == ["measurement-1", "measurement-2", "measurement-3"]
    by_id = search.sort(pairs, QueryDict("_sort=_id"), PARAMS)
    assert [r.id for _s, r in by_id] == ["measurement-1", "measurement-2", "measurement-3"]


def test_count_is_capped():
    assert search.page_size(QueryDict("_count=5000")) == search.MAX_PAGE_SIZE
    assert search.page_size(QueryDict("")) == search.PAGE_SIZE
