"""Checks the mapping tests share."""

import json

from samenplan.fhirapi.formats import JSON, render


def valid(resource):
    """The resource as the API sends it (the JSON we made, see mapping.Resource) parses
    with its R4B model and holds what the model holds; so does its XML."""
    model = resource.model
    data = model.model_dump()
    sent = json.loads(render(resource, JSON).content)
    assert type(model).model_validate(sent).model_dump() == data
    assert type(model).model_validate_xml(model.model_dump_xml()).model_dump() == data
    return resource


def fields_of(obj, names):
    return {name: getattr(obj, name) for name in names}


def messages(mapped):
    return [(p.location, p.message) for p in mapped.problems]
