"""The consent screen of the OAuth2 flow, and "Gekoppelde apps" under Mijn gegevens.

The consent screen is django-oauth-toolkit's AuthorizationView with our own page: it asks
"Wilt u de app X toegang geven tot uw plan?" and says what the app may do. Who may say
yes: the patient for their own plan, and a naaste who may act for the patient for that
plan (`grants.may_connect_apps`); a provider connects no app here. Someone in more than
one such plan chooses the plan on the page; an app may also name it (`?plan=<id>`). A
plan that is not theirs is a 404, as everywhere, and logged as a refused attempt.
"""

import re
from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oauth2_provider.exceptions import OAuthToolkitError
from oauth2_provider.forms import AllowForm
from oauth2_provider.models import get_application_model
from oauth2_provider.scopes import get_scopes_backend
from oauth2_provider.views import AuthorizationView

from samenplan.audit.actions import client_address, do_record_event
from samenplan.audit.models import AuditEvent
from samenplan.plans.actions import Actor
from samenplan.plans.constants import Role
from samenplan.plans.queries import actor_for, get_membership
from samenplan.plans.sections import NOT_SHARED, may_read
from samenplan.plans.views.common import render_plan_page

from . import ids
from .grants import (
    READ_SCOPE,
    SECTION,
    WRITE_SCOPE,
    connectable_memberships,
    do_revoke_app,
    may_connect_apps,
    may_see_apps,
    visible_grant,
    visible_grants,
)

ORIGIN = re.compile(r"^https?://[A-Za-z0-9.:\[\]-]+$")


def origin(uri):
    """The origin of an app's redirect address (checked against the app's own by then),
    as a source in a Content-Security-Policy."""
    parts = urlsplit(uri)
    value = f"{parts.scheme}://{parts.netloc}"
    if not ORIGIN.match(value):
        raise PermissionDenied("redirect address")
    return value


def plan_name(membership):
    if membership.role == Role.PATIENT:
        return _("Mijn plan")
    return _("Het plan van %(name)s") % {"name": membership.plan.patient_name}


def what_it_may_do(scopes):
    if READ_SCOPE in scopes and WRITE_SCOPE in scopes:
        return _("Het plan lezen en veranderen")
    if WRITE_SCOPE in scopes:
        return _("Het plan veranderen")
    return _("Het plan lezen")


class ConsentForm(AllowForm):
    """django-oauth-toolkit's form (the request's fields, hidden), and the plan."""

    plan = forms.IntegerField(label=gettext_lazy("Voor welk plan?"), widget=forms.HiddenInput)

    def __init__(self, *args, memberships=(), **kwargs):
        super().__init__(*args, **kwargs)
        if len(memberships) > 1:
            self.fields["plan"].widget = forms.RadioSelect(
                choices=[(m.plan_id, plan_name(m)) for m in memberships],
                attrs={"class": "utrecht-radio-button utrecht-radio-button--html-input"})
        elif memberships:
            self.initial["plan"] = memberships[0].plan_id


class ConsentView(AuthorizationView):
    template_name = "fhirapi/consent.html"
    form_class = ConsentForm
    memberships = ()

    def refused(self, plan_id):
        do_record_event(self.request.user, AuditEvent.DENIED, "fhirapi_access:authorize",
                        plan_id=plan_id, source=client_address(self.request))

    def membership(self, plan_id):
        """The user's membership of this plan, if they may connect an app to it: 404 if
        the plan is not theirs, 403 if they may not (a provider, a naaste who only reads)."""
        parsed = ids.parse(str(plan_id))  # a plan's id is its Patient's id
        if parsed is None:
            raise Http404
        try:
            membership = get_membership(self.request.user, parsed[1])
        except Http404:
            self.refused(parsed[1])
            raise
        if not may_connect_apps(membership):
            self.refused(membership.plan_id)
            raise PermissionDenied(SECTION)
        return membership

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "memberships": self.memberships}

    def get(self, request, *args, **kwargs):
        # Our own get: django-oauth-toolkit's would skip this page for an app marked
        # `skip_authorization`, or one used before; here the person always decides.
        try:
            scopes, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError as error:
            return self.error_response(error, application=None)
        if "plan" in request.GET:
            self.memberships = [self.membership(request.GET["plan"])]
        else:
            self.memberships = connectable_memberships(request.user)
        self.oauth2_data = {**credentials, "scope": scopes}
        all_scopes = get_scopes_backend().get_all_scopes()
        context = self.get_context_data(
            application=get_application_model().objects.get(client_id=credentials["client_id"]),
            scopes_descriptions=[all_scopes[scope] for scope in scopes],
            memberships=self.memberships,
            form=self.get_form(),
        )
        response = self.render_to_response(context, status=200 if self.memberships else 403)
        if self.memberships:
            # The answer to the form sends the browser on to the app: the page's
            # Content-Security-Policy (form-action 'self') must let the form go there.
            response._csp_update = {"form-action": [origin(credentials["redirect_uri"])]}
        return response

    def post(self, request, *args, **kwargs):
        self.memberships = connectable_memberships(request.user)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        # Only a request changed on its way sends the hidden fields wrong or not at all.
        return self.render_to_response({"error": {"error": "invalid_request"}}, status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        application = get_application_model().objects.filter(client_id=data["client_id"]).first()
        if application is None:
            return self.form_invalid(form)
        membership = self.membership(data["plan"])
        credentials = {key: data[key] for key in ("client_id", "redirect_uri", "response_type",
                                                  "state", "code_challenge",
                                                  "code_challenge_method") if data.get(key)}
        # The validator ties the code to this person's grant for this plan (oauth.py).
        credentials["samenplan_actor"] = Actor(self.request.user, membership,
                                               client_address(self.request))
        try:
            with transaction.atomic():
                uri, _headers, _body, _status = self.create_authorization_response(
                    request=self.request, scopes=data["scope"], credentials=credentials,
                    allow=data["allow"])
        except OAuthToolkitError as error:
            return self.error_response(error, application)
        return self.redirect(uri, application)


@login_required
def connected_apps(request, plan_id):
    """The apps that may use the plan, each with a button to stop it. It belongs with
    Mijn gegevens: for the patient, and a naaste with whom the patient shares that part
    (a naaste sees the apps they connected themselves)."""
    actor = actor_for(request, plan_id)
    if not may_see_apps(actor.membership):
        raise PermissionDenied
    if not may_read(actor.membership, "personal"):
        raise PermissionDenied(NOT_SHARED)
    if request.method == "POST":
        grant = visible_grant(actor, request.POST.get("app", ""))
        do_revoke_app(actor, grant)
        messages.success(request, _("%(app)s kan nu niet meer bij het plan.")
                         % {"app": grant.application.name})
        return redirect("fhirapi_access:connected_apps", plan_id)
    do_record_event(request.user, AuditEvent.READ, SECTION, plan=actor.plan,
                    membership=actor.membership, source=actor.source)
    grants = [(grant, what_it_may_do(grant.scopes)) for grant in visible_grants(actor)]
    return render_plan_page(request, "fhirapi/connected_apps.html", actor, "personal",
                            grants=grants)
