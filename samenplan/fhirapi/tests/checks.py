"""Checks the mapping tests share."""


def valid(resource):
    """The resource parses again with its R4B model, from a dump and from its XML, and
    holds the same (the narrative aside, which we do not write)."""
    kind = type(resource)
    data = resource.model_dump()
    assert kind.model_validate(data).model_dump() == data
    assert kind.model_validate_xml(resource.model_dump_xml()).model_dump() == data
    return resource


def fields_of(obj, names):
    return {name: getattr(obj, name) for name in names}


def messages(mapped):
    return [(p.location, p.message) for p in mapped.problems]
