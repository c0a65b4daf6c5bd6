"""What every plan page shares: the menu, the labels per section, and the edit flow."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from samenplan.lib.forms import add_language_hints

from ..actions import require_write  # noqa: F401  (the views import it from here)
from ..constants import Role
from ..queries import get_in_plan
from ..sections import SECTIONS, icon, label, may_read, may_write, shown, title

NAV = [
    "overview",
    "personal",
    "what_matters",
    "goals",
    "actions",
    "evaluations",
    "logbook",
    "agenda",
    "medicines",
    "results",
    "measurements",
    "members",
    "history",
]


def _plan_title(membership, name):
    if membership.role == Role.PATIENT:
        return _("Mijn plan")
    return _("Het plan van %(name)s") % {"name": name}


def _nav_title(key, membership, profile):
    if key == "overview":
        return _plan_title(membership, profile.name)
    if key == "history":
        return _("Wat is er veranderd")
    return title(key, membership, profile)


def _nav_url(key):
    return {"overview": "plans:overview", "history": "plans:history"}.get(
        key, SECTIONS.get(key).url_name if key in SECTIONS else None
    )


def plan_context(actor, current, **extra):
    """What every plan page needs: the plan, who is looking, the menu, and per section
    its title, who fills it in, and whether this user may write it."""
    membership = actor.membership
    profile = actor.plan.profile
    name = profile.name
    sections = {
        key: {
            "key": key,
            "title": title(key, membership, profile),
            "label": label(key, membership, name),
            "may_read": may_read(membership, key),
            "may_write": may_write(membership, key),
            "shown": shown(actor.plan, key),
            "icon": icon(key),
        }
        for key in SECTIONS
    }
    nav = [
        {
            "key": key,
            "title": _nav_title(key, membership, profile),
            "url": reverse(_nav_url(key), args=[actor.plan.pk]),
            "current": key == current,
            "icon": icon(key),
        }
        for key in NAV
        if (key not in SECTIONS or sections[key]["may_read"]) and shown(actor.plan, key)
    ]
    return {
        "plan": actor.plan,
        "membership": membership,
        "patient_name": name,
        "plan_title": _plan_title(membership, name),
        "is_patient": membership.role == Role.PATIENT,
        "sections": sections,
        "nav": nav,
        "current": current,
        # A part left out of the menu still opens; its page says how to turn it on.
        "part_hidden": current is not None and not shown(actor.plan, current),
        **extra,
    }


def render_plan_page(request, template, actor, current, **extra):
    return render(request, template, plan_context(actor, current, **extra))


def existing_or_new(model, actor, pk):
    """The object of this plan with this id (404 if it is not in this plan), or a new one."""
    if pk is None:
        return model(plan=actor.plan)
    return get_in_plan(model.objects, actor.plan, pk)


def participants_guess(actor):
    """Who is probably taking part: the patient and whoever fills in the form."""
    names = [actor.plan.patient_name]
    if actor.user.name not in names:
        names.append(actor.user.name)
    return ", ".join(names)


LANGUAGE_CHECK = "taalhulp"  # the name of the button "Tekst nakijken"


@dataclass
class LanguageHelp:
    """Taalhulp for providers (F2b): hints on the text the patient will read. The button
    "Tekst nakijken" shows the form again with its hints and saves nothing; a save is
    never blocked by them."""

    offered: bool
    hints: list
    only_check: bool

    @classmethod
    def for_forms(cls, request, actor, forms):
        offered = actor.membership.role == Role.PROVIDER and any(
            getattr(form, "patient_reads", ()) for form in forms
        )
        hints = [hint for form in forms for hint in add_language_hints(form)] if offered else []
        only_check = offered and request.method == "POST" and LANGUAGE_CHECK in request.POST
        if only_check:
            # Checking the text is not saving: what is still missing is not an error yet.
            for form in forms:
                form.errors.clear()
        return cls(offered, hints, only_check)

    def context(self):
        return {
            "language_check": LANGUAGE_CHECK if self.offered else None,
            "language_fine": self.only_check and not self.hints,
        }


def tell_language_hints(request, hints):
    if hints:
        messages.info(
            request,
            _("Tip voor leesbare taal: %(hints)s U kunt de tekst nog veranderen.")
            % {"hints": " ".join(hints)},
        )


def edit_form(
    request, actor, section, form, save, success, template="plans/form.html", heading=None, **extra
):
    """The shared edit flow: check the right to write, validate, save, or show errors
    with everything that was typed."""
    require_write(actor, section)
    help_ = LanguageHelp.for_forms(request, actor, [form])
    if request.method == "POST" and not help_.only_check and form.is_valid():
        try:
            save(form)
        except ValidationError as error:
            for field_name, errors in error.message_dict.items():
                form.add_error(field_name if field_name in form.fields else None, errors)
        else:
            messages.success(request, success)
            tell_language_hints(request, help_.hints)
            return None
    back_url = extra.pop("back_url", None) or reverse(SECTIONS[section].url_name,
                                                      args=[actor.plan.pk])
    context = plan_context(actor, extra.pop("current", section), form=form, **extra)
    context.update(
        s=context["sections"][section],
        heading=heading or context["sections"][section]["title"],
        back_url=back_url,
        **help_.context(),
    )
    return render(request, template, context)
