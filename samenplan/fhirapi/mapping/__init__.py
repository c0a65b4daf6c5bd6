"""Mapping between Samenplan's models and FHIR R4 resources: one pure module per resource,
`to_fhir()` and `from_fhir()`, no database access inside.

`from_fhir()` returns a `Mapped`: the fields of our model, the problems that stop the
import (each with where in the resource and a plain Dutch message), and what it could not
place. `model` says which of our models the fields are for, where one FHIR type holds
several ("measurement", "result", "log", "score", "matters"); "" when nothing is placed."""

from dataclasses import dataclass, field


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
