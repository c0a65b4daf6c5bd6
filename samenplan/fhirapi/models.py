"""Which plan an app may use, and on whose yes.

django-oauth-toolkit keeps the apps (Application), the codes of the authorization step
(Grant) and the tokens (AccessToken, RefreshToken); it knows users, not plans. A
`PlanGrant` is the yes of one person on the consent screen: this app may use this plan,
through this person's membership of it, with these scopes. Every code and every access
token is tied to the PlanGrant it came from, so a token always means one membership of
one plan, and stopping the PlanGrant ("Gekoppelde apps") stops its tokens at once.

Who may say yes: the patient for their own plan, and a naaste who may act for the patient
for that plan (`grants.may_connect_apps`). An app then sees and does what that person
may (sections.may_read / may_write), and never more.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from oauth2_provider.settings import oauth2_settings

USER = settings.AUTH_USER_MODEL


class PlanGrant(models.Model):
    application = models.ForeignKey(oauth2_settings.APPLICATION_MODEL, on_delete=models.CASCADE,
                                    related_name="plan_grants")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey("plans.Membership", on_delete=models.CASCADE,
                                   related_name="app_grants")
    scope = models.TextField()  # space-separated, as OAuth2 writes scopes
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Saying yes again to the same app changes the grant there is.
            models.UniqueConstraint(
                fields=["application", "membership"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_active_grant_per_app_and_membership",
            ),
        ]

    def __str__(self):
        return f"{self.application} ({self.scope})"

    @property
    def scopes(self):
        return frozenset(self.scope.split())


class PlanGrantCode(models.Model):
    """The code of the authorization step, with the grant the person just gave. It goes
    when django-oauth-toolkit removes the code (once used, or expired)."""

    code = models.OneToOneField(oauth2_settings.GRANT_MODEL, on_delete=models.CASCADE,
                                related_name="plan_grant_link")
    plan_grant = models.ForeignKey(PlanGrant, on_delete=models.CASCADE, related_name="codes")


class PlanGrantToken(models.Model):
    """An access token, with the grant it came from (directly from a code, or from a
    refresh token of that code). It goes with the token."""

    access_token = models.OneToOneField(oauth2_settings.ACCESS_TOKEN_MODEL,
                                        on_delete=models.CASCADE,
                                        related_name="plan_grant_link")
    plan_grant = models.ForeignKey(PlanGrant, on_delete=models.CASCADE, related_name="tokens")


class ImportedResource(models.Model):
    """A FHIR resource imported into a plan, and the row it became: the same resource
    imported again (its first identifier, or else its id) updates that row instead of
    adding a second one."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE,
                             related_name="imported_resources")
    resource_type = models.CharField(max_length=40)
    key = models.CharField(max_length=255)  # "system|value" of an identifier, or "id:..."
    model = models.CharField(max_length=20)  # the kind of row: importing.PLACES
    object_id = models.PositiveBigIntegerField()
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "resource_type", "key"],
                                               name="one_row_per_imported_resource")]
