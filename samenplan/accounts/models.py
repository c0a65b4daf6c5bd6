from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A praktijk, zorggroep, thuiszorg or instelling that providers work for."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """One account per human. Whether someone is the patient, a naaste or a provider
    depends on the plan (see plans.Membership); `is_provider` marks a care professional,
    who must use a second factor."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    name = models.CharField(_("naam"), max_length=150)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    is_provider = models.BooleanField(_("zorgverlener"), default=False)
    profession = models.CharField(_("beroep"), max_length=100, blank=True)
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="providers")
    # Makkelijk lezen (issue 9): larger text and an icon with each part, on every page.
    easy_read = models.BooleanField(_("makkelijk lezen"), default=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    def __str__(self):
        return self.name or self.email

    @property
    def first_name(self):
        return self.name.split(" ")[0] if self.name else ""

    def organisation_names(self):
        return ", ".join(org.name for org in self.organisations.all())
