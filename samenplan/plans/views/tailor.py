"""Mijn plan op maat (issue 9): a full or a light plan, and which parts the menu shows.

The patient side chooses; the other members may look (a change is refused with 403).
What is hidden here is only left out of the menu and the overview: see `sections.shown`."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenplan.lib.forms import Form

from .. import actions
from ..queries import actor_for
from ..sections import LIGHT_PARTS, PARTS, title
from .common import render_plan_page

FULL, LIGHT = "full", "light"


class TailorForm(Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Hoeveel wilt u zien?"),
        choices=[
            (FULL, gettext_lazy("Het hele plan.")),
            (LIGHT, gettext_lazy("Een licht plan: alleen wat ik belangrijk vind, mijn doelen "
                                 "en mijn afspraken. U kunt later alles weer aanzetten.")),
        ],
        widget=forms.RadioSelect,
    )
    shown_parts = forms.MultipleChoiceField(
        label=gettext_lazy("Welke delen staan aan in het hele plan?"),
        help_text=gettext_lazy("Een deel dat uit staat, blijft bewaard. U kunt het weer "
                               "aanzetten."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, part_titles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown_parts"].choices = part_titles


@login_required
def tailor(request, plan_id):
    actor = actor_for(request, plan_id, "plan_data")
    plan, membership = actor.plan, actor.membership
    may_change = membership.acts_for_patient
    if request.method == "POST" and not may_change:
        raise PermissionDenied("plan_data")
    part_titles = [(part, title(part, membership, plan.profile)) for part in PARTS]
    form = TailorForm(
        request.POST if request.method == "POST" else None,
        part_titles=part_titles,
        initial={
            "kind": LIGHT if plan.light else FULL,
            "shown_parts": [part for part in PARTS if part not in plan.hidden_parts],
        },
    )
    if request.method == "POST" and form.is_valid():
        shown_parts = form.cleaned_data["shown_parts"]
        actions.do_tailor_plan(actor, form.cleaned_data["kind"] == LIGHT,
                               [part for part in PARTS if part not in shown_parts])
        messages.success(request, _("Uw plan is aangepast. Er is niets weggegooid."))
        return redirect("plans:overview", plan_id)
    titles = dict(part_titles)
    return render_plan_page(
        request, "plans/tailor.html", actor, None,
        form=form,
        may_change=may_change,
        light_titles=[titles[part] for part in LIGHT_PARTS],
        hidden_titles=[titles[part] for part in PARTS if part in plan.hidden_parts],
    )
