"""Mapping between Samenplan's models and FHIR R4 resources: one pure module per resource,
`to_fhir()` and `from_fhir()`, no database access inside.

`from_fhir()` returns a `Mapped`: the fields of our model, the problems that stop the
import (each with where in the resource and a plain Dutch message), and what it could not
place. `model` says which of our models the fields are for, where one FHIR type holds
several ("measurement", "result", "log", "score", "matters"); "" when nothing is placed.

`to_fhir()` returns a `Resource`: the FHIR JSON as we made it, which the API sends as it
is, and the R4B model of it, validated only when something reads its elements."""

from dataclasses import dataclass, field
from functools import cached_property


@dataclass
class Problem:
    location: str
    message: str


@dataclass
class Mapped:
    fields: dict
    problems: list = field(default_factory=list)
    unplaced: list = field(default_factory=list)
    model: str = ""


class Resource:
    """A resource we made: `data` is its FHIR JSON (a dict), `model` the R4B model of it.

    Building and serialising a fhir.resources model takes about a millisecond, and a
    year of a plan is thousands of resources: $everything took 2.3 s. So the API sends
    `data`, and the model is made only for XML and for whoever reads an element (a
    search parameter, a test). Tests validate every resource the API sends."""

    def __init__(self, model_class, data):
        self.model_class = model_class
        self.data = data

    @cached_property
    def model(self):
        return self.model_class.model_validate(self.data)

    @property
    def id(self):
        return self.data.get("id")

    def get_resource_type(self):
        return self.data["resourceType"]

    def __getattr__(self, name):  # an element, read from the validated model
        if name.startswith("__") or name in ("model_class", "data"):
            raise AttributeError(name)
        return getattr(self.model, name)
