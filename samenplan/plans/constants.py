from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PATIENT = "patient", _("Patiënt")
    NAASTE = "naaste", _("Naaste")
    PROVIDER = "provider", _("Zorgverlener")


class Pronoun(models.TextChoices):
    """How the plan speaks of the person to others (F2c): "Haar doelen", or by name."""

    NAME = "name", _("Met mijn naam, bijvoorbeeld: Doelen van Anna")
    SHE = "she", _("Met zij en haar, bijvoorbeeld: Haar doelen")
    HE = "he", _("Met hij en zijn, bijvoorbeeld: Zijn doelen")


class PlanStatus(models.TextChoices):
    INVITED = "invited", _("Uitgenodigd")
    DECLINED = "declined", _("Liever niet")
    ACTIVE = "active", _("Actief")
    PAUSED = "paused", _("Gepauzeerd")
    CLOSED = "closed", _("Gesloten")


class Law(models.TextChoices):
    WLZ = "wlz", _("Wet langdurige zorg (Wlz)")
    WMO = "wmo", _("Wet maatschappelijke ondersteuning (Wmo)")
    ZVW = "zvw", _("Zorgverzekeringswet (Zvw)")
    JEUGDWET = "jeugdwet", _("Jeugdwet")


class ContactKind(models.TextChoices):
    PROVIDER = "provider", _("Zorgverlener")
    NAASTE = "naaste", _("Naaste of mantelzorger")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Hier werk ik aan")
    ACHIEVED = "achieved", _("Bereikt")
    STOPPED = "stopped", _("Gestopt")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    DONE = "done", _("Klaar")
    STOPPED = "stopped", _("Gestopt")


class Assignee(models.TextChoices):
    PATIENT = "patient", _("De persoon zelf")
    NAASTE = "naaste", _("Een naaste")
    PROVIDER = "provider", _("Een zorgverlener")


class DomainSet(models.TextChoices):
    POSITIVE_HEALTH = "positive_health", _("Positieve Gezondheid (zes dimensies)")
    LIFE_AREAS = "life_areas", _("Leefgebieden (wonen, werk, geld, ...)")


class DeclineReason(models.TextChoices):
    NOT_BUSY_WITH_ILLNESS = "not_busy", _("Ik wil nu niet veel met mijn ziekte bezig zijn")
    FOLLOW_ADVICE = "follow_advice", _("Ik volg liever het advies van mijn zorgverlener")
    OTHER = "other", _("Om een andere reden")


# The life domains per set: (code, name, short explanation). Codes are stored.
DOMAINS = {
    DomainSet.POSITIVE_HEALTH: [
        ("body", _("Mijn lichaam"), _("Hoe voelt mijn lichaam? Kan ik doen wat ik wil?")),
        ("mind", _("Mijn gevoel en gedachten"), _("Hoe voel ik me? Kan ik omgaan met zorgen?")),
        ("meaning", _("Wat mijn leven zin geeft"), _("Waar leef ik voor? Waar ben ik blij mee?")),
        ("quality", _("Hoe ik mijn leven vind"), _("Geniet ik? Voel ik me gelukkig?")),
        ("participation", _("Meedoen"), _("Heb ik contact met anderen? Doe ik mee?")),
        ("daily", _("Mijn dagelijks leven"), _("Kan ik voor mezelf zorgen? Kan ik werken?")),
    ],
    DomainSet.LIFE_AREAS: [
        ("housing", _("Wonen"), _("Mijn huis en mijn buurt.")),
        ("work", _("Werk en dagbesteding"), _("Wat ik overdag doe.")),
        ("money", _("Geldzaken"), _("Mijn inkomen en mijn uitgaven.")),
        ("relations", _("Relaties"), _("Mijn familie, vrienden en buren.")),
        ("health", _("Gezondheid"), _("Mijn lichaam en hoe ik me voel.")),
        ("meaning_la", _("Zingeving"), _("Waar ik voor leef.")),
    ],
}


def domains_for(domain_set):
    return DOMAINS[DomainSet(domain_set)]


def domain_name(domain_set, code):
    for domain_code, name, _help in domains_for(domain_set):
        if domain_code == code:
            return name
    return code


class Access(models.TextChoices):
    """What the patient lets a member do with one part of the plan (F4)."""

    WRITE = "write", _("Zien en invullen")
    READ = "read", _("Alleen zien")
    HIDDEN = "hidden", _("Niet zien")
