"""'Wat is er veranderd': every change to a plan, with who, when and the previous value.

The history rows come from django-simple-history; this module merges them across the
plan's models and turns each row into plain words."""

import datetime
from dataclasses import dataclass, field
from functools import cache

from django.contrib.auth import get_user_model
from django.db import connection, models
from django.db.models import Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .constants import domain_name
from .models import (
    Action,
    Contact,
    DomainNote,
    DomainScore,
    Evaluation,
    Goal,
    GoalReview,
    Indication,
    Invitation,
    Membership,
    Plan,
    Profile,
)
from .sections import SECTIONS

HIDDEN_FIELDS = {"id", "plan", "updated_at", "updated_by", "created_at", "created_by",
                 "proposed_at", "joined_at", "section", "token_hash", "evaluation",
                 "expires_at", "invited_by", "declined_at", "accepted_by", "author"}
KIND_LABELS = {"+": _("toegevoegd"), "~": _("veranderd"), "-": _("verwijderd")}


def _describe(obj, plan, readable, values):
    """What a history row is about, in words (naming a goal only to who may see goals)."""
    match obj:
        case Plan():
            return _("Over dit plan")
        case Profile():
            return SECTIONS["personal"].title_own
        case Indication():
            return _("Indicatie (welke zorg): %(care)s") % {"care": obj.kind_of_care}
        case Contact():
            return _("Contact: %(name)s") % {"name": obj.name}
        case DomainNote():
            return f"{SECTIONS[obj.section].title_own}: {domain_name(plan.domain_set, obj.domain)}"
        case DomainScore():
            return _("Cijfer voor %(domain)s") % {
                "domain": domain_name(plan.domain_set, obj.domain)}
        case Goal():
            return _("Doel: %(text)s") % {"text": obj.text}
        case Action():
            return _("Afspraak: %(what)s") % {"what": obj.what}
        case Evaluation():
            return _("Samen terugkijken op %(date)s") % {
                "date": formats.date_format(obj.held_on)}
        case GoalReview() if readable is None or "goals" in readable:
            return _("Terugkijken op doel: %(goal)s") % {"goal": values.related(Goal, obj.goal_id)}
        case GoalReview():
            return _("Terugkijken op een doel")
        case Membership():
            return _("Doet mee: %(name)s") % {"name": values.related(get_user_model(),
                                                                     obj.user_id)}
        case Invitation():
            return _("Uitnodiging voor %(name)s") % {"name": obj.name}
    return str(obj)


# The section each model's changes belong to; DomainNote says it per row.
SECTION_OF = {
    Plan: "plan_data", Profile: "personal", Indication: "indication", Contact: "contacts",
    DomainScore: "domain_scores", Goal: "goals", Action: "actions", Evaluation: "evaluations",
    GoalReview: "evaluations", Membership: "members", Invitation: "members",
}


def _history_querysets(plan, readable=None):
    """The history rows of each model of this plan; with `readable` (a set of section
    keys), only those of the sections in it."""
    plan_rows = {
        Profile: {"plan_id": plan.pk}, Indication: {"plan_id": plan.pk},
        Contact: {"plan_id": plan.pk}, DomainNote: {"plan_id": plan.pk},
        DomainScore: {"plan_id": plan.pk}, Goal: {"plan_id": plan.pk},
        Action: {"plan_id": plan.pk}, Evaluation: {"plan_id": plan.pk},
        Membership: {"plan_id": plan.pk}, Invitation: {"plan_id": plan.pk},
        GoalReview: {"evaluation__plan_id": plan.pk}, Plan: {"id": plan.pk},
    }
    for model, lookup in plan_rows.items():
        rows = model.history.filter(**lookup).select_related("history_user")
        if readable is not None:
            if model is DomainNote:
                rows = rows.filter(section__in=readable)
            elif SECTION_OF[model] not in readable:
                continue
        yield model, rows


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: object
    who: str
    what: str
    kind: str
    changes: list = field(default_factory=list)


# The objects a row's description names, besides those its shown fields point to.
DESCRIBED = {GoalReview: ["goal"], Membership: ["user"]}


class _Values:
    """Turns stored values into readable text. What the rows point to (a goal, a person)
    is read in one query per kind of object for the whole page, however many rows."""

    def __init__(self, plan, rows_by_model, readable):
        self.plan = plan
        wanted = {}
        for model, rows in rows_by_model:
            for model_field in model._meta.concrete_fields:
                if isinstance(model_field, models.ForeignKey) and (
                        _shown(model_field, readable)
                        or model_field.name in DESCRIBED.get(model, [])):
                    wanted.setdefault(model_field.related_model, set()).update(
                        getattr(row, model_field.attname) for row in rows)
        self.names = {}
        for related_model, pks in wanted.items():
            objects = related_model.objects.all()
            if related_model is Membership:
                objects = objects.select_related("user")
            self.names[related_model] = {
                obj.pk: obj.name if related_model is get_user_model() else str(obj)
                for obj in objects.filter(pk__in=pks - {None})}

    def related(self, related_model, pk):
        """The name of the user, or the text of another object, with this id."""
        return self.names.get(related_model, {}).get(pk, "—")

    def text(self, model_field, value):
        if value in (None, "", []):
            return "—"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(model_field, models.ForeignKey):
            return self.related(model_field.related_model, value)
        if isinstance(model_field, models.BooleanField):
            return str(_("ja") if value else _("nee"))
        if isinstance(model_field, models.DateTimeField):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(model_field, models.DateField):
            return formats.date_format(value)
        if isinstance(model_field, models.JSONField):
            return ", ".join(str(domain_name(self.plan.domain_set, v)) for v in value)
        return str(value)


def _shown(model_field, readable):
    """Whether a field shows: not one of the hidden ones, and not a link to something in
    a section this reader may not see (the goal of an action, say)."""
    if model_field.name in HIDDEN_FIELDS:
        return False
    related = model_field.related_model if model_field.is_relation else None
    return readable is None or related not in SECTION_OF or SECTION_OF[related] in readable


def _changes(model, record, previous, values, readable):
    changes = []
    for model_field in model._meta.concrete_fields:
        if not _shown(model_field, readable):
            continue
        new = getattr(record, model_field.attname)
        old = getattr(previous, model_field.attname) if previous is not None else None
        if new == old or (previous is None and new in (None, "", [], False)):
            continue
        changes.append(Change(str(model_field.verbose_name).capitalize(),
                              values.text(model_field, old), values.text(model_field, new)))
    return changes


def _as_it_was(model, record):
    """The object as its history row has it. Unlike simple-history's `record.instance`,
    this does not read the fields history leaves out (an invitation's token) again."""
    return model(**{f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields
                    if hasattr(record, f.attname)})


def plan_history(plan, limit=None, readable=None):
    """All changes to this plan, newest first; with `readable`, only those of the sections
    in it (what this member may see)."""
    rows_by_model = [(model, list(rows.order_by("id", "history_date", "history_id")))
                     for model, rows in _history_querysets(plan, readable)]
    values = _Values(plan, rows_by_model, readable)
    entries = []
    for model, rows in rows_by_model:
        previous_by_object = {}
        for record in rows:
            previous = previous_by_object.get(record.id)
            previous_by_object[record.id] = record
            changes = _changes(model, record, previous, values, readable)
            if record.history_type == "~" and not changes:
                continue
            entries.append(Entry(
                when=record.history_date,
                who=record.history_user.name if record.history_user else str(_("Samenplan")),
                what=str(_describe(_as_it_was(model, record), plan, readable, values)),
                kind=str(KIND_LABELS[record.history_type]),
                changes=changes,
            ))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit] if limit else entries


def last_change(plan):
    """The newest history row of the plan (M1: when it was last changed, and by whom), or
    None. The overview shows it on every visit: one query finds which part changed last
    (a subquery per part, each served by its index), a second reads that row."""
    sql, count = _newest_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk] * count)
        newest = cursor.fetchone()
    found = [(_utc(when), i) for i, when in enumerate(newest) if when is not None]
    if not found:
        return None
    _when, i = max(found)
    _model, rows = list(_history_querysets(plan))[i]
    return rows.order_by("-history_date", "-history_id").first()


def _utc(value):
    """A moment as a raw cursor gives it: PostgreSQL an aware datetime, SQLite the text
    of one in UTC, with or without its offset."""
    moment = datetime.datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


@cache
def _newest_sql():
    """The SQL of that first query and its number of parameters, made once: it is the same
    for every plan but for the plan's id (each parameter). Building it with the ORM took
    longer than the rest of the overview's queries together."""
    model_plan = Plan(pk=0)
    parts = [rows.order_by("-history_date", "-history_id").values("history_date")[:1]
             for _model, rows in _history_querysets(model_plan)]
    query = Plan.objects.filter(pk=model_plan.pk).values_list(*map(Subquery, parts))
    sql, params = query.query.sql_with_params()
    if any(param != 0 for param in params):
        raise ValueError(f"last_change's query has parameters besides the plan: {params}")
    return sql, len(params)
