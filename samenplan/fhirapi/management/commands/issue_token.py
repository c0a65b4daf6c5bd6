"""An access token for the FHIR API, for tests and scripts, without the browser flow:

    python manage.py issue_token --user anna@example.org --scope "patient/*.read"
    {"access_token": "...", "patient": "12"}

The token belongs to the app "Samenplan command line" (made on first use; it has no
redirect address, so no app can log in as it) and to a grant for the user's own plan, or
for --plan, any plan they are an active member of (a provider too). The grant is an audit
event and shows under "Gekoppelde apps", where the patient can stop it like any other."""

import json
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from oauth2_provider.models import (
    get_access_token_model,
    get_application_model,
    set_token_value,
)
from oauth2_provider.settings import oauth2_settings

from samenplan.fhirapi import ids
from samenplan.fhirapi.grants import do_grant_app
from samenplan.fhirapi.models import PlanGrantToken
from samenplan.plans.actions import Actor
from samenplan.plans.constants import Role
from samenplan.plans.models import Membership

APPLICATION_NAME = "Samenplan command line"


def command_line_application():
    Application = get_application_model()
    application = Application.objects.filter(name=APPLICATION_NAME).order_by("pk").first()
    if application is None:
        application = Application.objects.create(
            name=APPLICATION_NAME, client_type=Application.CLIENT_PUBLIC,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE, redirect_uris="")
    return application


class Command(BaseCommand):
    help = ("Print an access token for the FHIR API as one line of JSON: "
            '{"access_token": "...", "patient": "<Patient id>"}.')

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="the e-mail address of the account")
        parser.add_argument("--scope", default="patient/*.read",
                            help='scopes, space-separated: "patient/*.read patient/*.write"')
        parser.add_argument("--plan", type=int,
                            help="the plan (its id); without it, the user's own plan")

    def handle(self, *args, user, scope, plan, **options):
        scopes = scope.split()
        unknown = sorted(set(scopes) - set(oauth2_settings.SCOPES))
        if not scopes or unknown:
            raise CommandError(f"Unknown scope {' '.join(unknown) or '(none given)'}; "
                               f"known: {', '.join(oauth2_settings.SCOPES)}.")
        account = get_user_model().objects.filter(email__iexact=user, is_active=True).first()
        if account is None:
            raise CommandError(f"No active account with the e-mail address {user}.")
        memberships = Membership.objects.filter(user=account, removed_at=None)
        if plan is None:
            membership = memberships.filter(role=Role.PATIENT).first()
            if membership is None:
                raise CommandError(f"{user} has no plan of their own; name one with --plan.")
        else:
            membership = memberships.filter(plan_id=plan).first()
            if membership is None:
                raise CommandError(f"{user} is not an active member of plan {plan}.")
        token = self.issue(Actor(account, membership), scopes)
        self.stdout.write(json.dumps({"access_token": token,
                                      "patient": ids.make(membership.plan_id)}))

    @transaction.atomic
    def issue(self, actor, scopes):
        application = command_line_application()
        grant = do_grant_app(actor, application, scopes, on_consent_screen=False)
        raw = secrets.token_urlsafe(32)
        access_token = get_access_token_model()(
            user=actor.user, application=application, scope=" ".join(sorted(set(scopes))),
            expires=timezone.now() + timedelta(seconds=oauth2_settings.ACCESS_TOKEN_EXPIRE_SECONDS))
        # Stored as django-oauth-toolkit stores its own tokens: only their hash.
        set_token_value(access_token, raw)
        access_token.save()
        PlanGrantToken.objects.create(access_token=access_token, plan_grant=grant)
        return raw
