"""Who fills in which part of the plan (F2f).

This one table drives three things: the permission check on every write
(`may_write`), the label shown on each section, and (later) the booklet. Add a section
here and it gets all three.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .constants import Pronoun, Role


class Filler:
    """Who fills a section in."""

    PATIENT = "patient"  # the person, or a naaste allowed to act for them
    PATIENT_OR_NAASTE = "patient_or_naaste"  # the person or any naaste
    TOGETHER = "together"  # the person (or acting naaste) and a provider, together
    PROVIDER = "provider"  # a provider
    EACH = "each"  # the person (or acting naaste) and providers, each their own entries


# The label as the patient reads it, and as others read it ({name} is the patient).
FILLER_LABELS = {
    Filler.PATIENT: (_("Dit vult u zelf in."), _("Dit vult {name} zelf in.")),
    Filler.PATIENT_OR_NAASTE: (
        _("Dit vult u of uw naaste in."),
        _("Dit vult {name} of een naaste in."),
    ),
    Filler.TOGETHER: (
        _("Dit vult u samen met uw zorgverlener in."),
        _("Dit vult {name} samen met de zorgverlener in."),
    ),
    Filler.PROVIDER: (_("Dit vult uw zorgverlener in."), _("Dit vult de zorgverlener in.")),
    Filler.EACH: (
        _("Dit vult u zelf in, en ook uw zorgverlener."),
        _("Dit vult {name} zelf in, en ook de zorgverlener."),
    ),
}


def others(by_name, she=None, he=None):
    """A section's title as a naaste or provider reads it, per the patient's choice of
    how the plan speaks of them (F2c): by name ({name}), or as "zij"/"hij". One title
    alone serves all three."""
    if she is None:
        she = he = by_name
    return {Pronoun.NAME: by_name, Pronoun.SHE: she, Pronoun.HE: he}


@dataclass(frozen=True)
class Section:
    key: str
    filler: str
    title_own: str  # as the patient reads it: "Mijn doelen"
    title_other: dict  # as others read it, per pronoun: "Haar doelen", "Doelen van Anna"
    url_name: str
    requirement: str


SECTIONS = {
    s.key: s
    for s in [
        Section("personal", Filler.PATIENT, _("Mijn gegevens"),
                others(_("Gegevens van {name}"), _("Haar gegevens"), _("Zijn gegevens")),
                "plans:profile", "M1"),
        Section("indication", Filler.TOGETHER, _("Mijn indicatie"),
                others(_("Indicatie van {name}"), _("Haar indicatie"), _("Zijn indicatie")),
                "plans:profile", "M1"),
        Section("plan_data", Filler.TOGETHER, _("Over dit plan"),
                others(_("Over dit plan")),
                "plans:profile", "M1"),
        Section("contacts", Filler.PATIENT, _("Mijn contacten"),
                others(_("Contacten van {name}"), _("Haar contacten"), _("Zijn contacten")),
                "plans:profile", "M1"),
        Section("what_matters", Filler.PATIENT, _("Wat vind ik belangrijk"),
                others(_("Wat {name} belangrijk vindt"), _("Wat zij belangrijk vindt"),
                       _("Wat hij belangrijk vindt")),
                "plans:domains", "M2"),
        Section("support_needs", Filler.PATIENT, _("Waar wil ik hulp bij"),
                others(_("Waar {name} hulp bij wil"), _("Waar zij hulp bij wil"),
                       _("Waar hij hulp bij wil")),
                "plans:domains", "M3"),
        Section("domain_scores", Filler.PATIENT, _("Mijn cijfers"),
                others(_("Cijfers van {name}"), _("Haar cijfers"), _("Zijn cijfers")),
                "plans:domains", "M2"),
        Section("goals", Filler.PATIENT, _("Mijn doelen"),
                others(_("Doelen van {name}"), _("Haar doelen"), _("Zijn doelen")),
                "plans:goals", "M4"),
        Section("actions", Filler.TOGETHER, _("Wat gaan we doen"),
                others(_("Wat gaan we doen")), "plans:actions", "M5"),
        Section("evaluations", Filler.TOGETHER, _("Samen terugkijken"),
                others(_("Samen terugkijken")), "plans:evaluations", "M6"),
        Section("logbook", Filler.PATIENT_OR_NAASTE, _("Mijn logboek"),
                others(_("Logboek van {name}"), _("Haar logboek"), _("Zijn logboek")),
                "health:logbook", "M7"),
        Section("agenda", Filler.TOGETHER, _("Mijn agenda"),
                others(_("Agenda van {name}"), _("Haar agenda"), _("Zijn agenda")),
                "health:agenda", "M8"),
        Section("medicines", Filler.PROVIDER, _("Mijn medicijnen"),
                others(_("Medicijnen van {name}"), _("Haar medicijnen"), _("Zijn medicijnen")),
                "health:medicines", "M9"),
        Section("medicine_notes", Filler.PATIENT, _("Mijn aantekeningen bij medicijnen"),
                others(_("Aantekeningen van {name}"), _("Haar aantekeningen"),
                       _("Zijn aantekeningen")),
                "health:medicines", "M9"),
        Section("results", Filler.PROVIDER, _("Mijn uitslagen"),
                others(_("Uitslagen van {name}"), _("Haar uitslagen"), _("Zijn uitslagen")),
                "health:results", "M10"),
        Section("measurements", Filler.EACH, _("Mijn metingen"),
                others(_("Metingen van {name}"), _("Haar metingen"), _("Zijn metingen")),
                "health:measurements", "D1"),
        Section("targets", Filler.TOGETHER, _("Mijn streefwaarden"),
                others(_("Streefwaarden van {name}"), _("Haar streefwaarden"),
                       _("Zijn streefwaarden")),
                "health:measurements", "D1"),
        Section("members", Filler.PATIENT, _("Wie doen er mee"),
                others(_("Wie doen er mee")), "plans:members", "C3"),
    ]
}


def may_write(membership, section_key):
    """Whether this member may fill in (add, change) this section."""
    if membership is None or not membership.is_active:
        return False
    filler = SECTIONS[section_key].filler
    role = membership.role
    acts_for_patient = role == Role.PATIENT or (
        role == Role.NAASTE and membership.may_act_for_patient
    )
    if filler == Filler.PATIENT:
        return acts_for_patient
    if filler == Filler.PATIENT_OR_NAASTE:
        return role in (Role.PATIENT, Role.NAASTE)
    if filler in (Filler.TOGETHER, Filler.EACH):
        return acts_for_patient or role == Role.PROVIDER
    if filler == Filler.PROVIDER:
        return role == Role.PROVIDER
    raise ValueError(filler)


def label(section_key, membership, patient_name):
    filler = SECTIONS[section_key].filler
    own, other = FILLER_LABELS[filler]
    if membership.role == Role.PATIENT:
        return own
    text = str(other).format(name=patient_name)
    if membership.role == Role.NAASTE and membership.may_act_for_patient and filler in (
        Filler.PATIENT, Filler.TOGETHER, Filler.EACH
    ):
        text += " " + str(_("U mag dit namens {name} invullen.")).format(name=patient_name)
    return text


def title(section_key, membership, profile):
    """The section's title for this reader: "Mijn doelen" for the patient, and for others
    "Haar doelen" or "Doelen van Anna", as the patient chose."""
    section = SECTIONS[section_key]
    if membership.role == Role.PATIENT:
        return section.title_own
    by_pronoun = section.title_other
    return str(by_pronoun.get(profile.pronoun, by_pronoun[Pronoun.NAME])).format(
        name=profile.name
    )
