"""Who fills in which part of the plan (F2f).

This one table drives four things: the permission check on every write (`may_write`)
and read (`may_read`), the label shown on each section, the parts the patient shares per
member (`PARTS`), and (later) the booklet. Add a section here and it gets all four.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .constants import Access, Pronoun, Role


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


# The reason given to the 403 page when the patient does not share a part with a member.
NOT_SHARED = "not-shared"


def _parts():
    """The parts of the plan the patient shares per member: the sections of one page go
    together, so a page is shown whole or not at all. A part is named by its first
    section."""
    by_page = {}
    for section in SECTIONS.values():
        by_page.setdefault(section.url_name, []).append(section.key)
    return {keys[0]: keys for keys in by_page.values()}


PARTS = _parts()
PART_OF = {key: part for part, keys in PARTS.items() for key in keys}


def access(membership, section_key):
    """What the patient lets this member do with the part this section is in. The patient
    has every part; others have what the patient chose, and by default everything (F4).
    Their role still limits what they may fill in: see `may_write`."""
    if membership.role == Role.PATIENT:
        return Access.WRITE
    return membership.section_access.get(PART_OF.get(section_key, section_key), Access.WRITE)


def limits(membership):
    """The parts this member does not see, and the parts they only see, by title as the
    patient reads them: what the members page sums up."""
    hidden, read = [], []
    for part, choice in membership.section_access.items():
        if part in PARTS:
            (hidden if choice == Access.HIDDEN else read).append(SECTIONS[part].title_own)
    return {"hidden": hidden, "read": read}


def may_read(membership, section_key):
    """Whether this member may see this section."""
    if membership is None or not membership.is_active:
        return False
    return access(membership, section_key) != Access.HIDDEN


def may_fill_in(membership, section_key):
    """Whether this member's role lets them fill in this section (before the patient's
    choice of what to share)."""
    filler = SECTIONS[section_key].filler
    role = membership.role
    if filler == Filler.PATIENT:
        return membership.acts_for_patient
    if filler == Filler.PATIENT_OR_NAASTE:
        return role in (Role.PATIENT, Role.NAASTE)
    if filler in (Filler.TOGETHER, Filler.EACH):
        return membership.acts_for_patient or role == Role.PROVIDER
    if filler == Filler.PROVIDER:
        return role == Role.PROVIDER
    raise ValueError(filler)


# Words in section titles that need their plain meaning next to them (B1).
EXPLAINED = {
    "indication": _("Indicatie: welke zorg u krijgt."),
    "targets": _("Streefwaarde: de waarde die u wilt halen."),
}


def may_write(membership, section_key):
    """Whether this member may fill in (add, change) this section."""
    if membership is None or not membership.is_active:
        return False
    return access(membership, section_key) == Access.WRITE and may_fill_in(
        membership, section_key)


def label(section_key, membership, patient_name):
    filler = SECTIONS[section_key].filler
    own, other = FILLER_LABELS[filler]
    if membership.role == Role.PATIENT:
        return own
    text = str(other).format(name=patient_name)
    if membership.role == Role.NAASTE and may_write(membership, section_key) and filler in (
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


# --- Mijn plan op maat (issue 9) --------------------------------------------------------

# A light plan (D7) shows only what matters to me, my goals and my appointments.
LIGHT_PARTS = ("what_matters", "goals", "agenda")


def shown(plan, key):
    """Whether the menu and the overview show this part (or menu item) of the plan.

    Presentation only, never access: a hidden part keeps its data, its page still opens,
    and what a member may read stays `may_read`'s answer. The overview is always shown."""
    if key == "overview":
        return True
    part = PART_OF.get(key, key)
    if plan.light:
        return part in LIGHT_PARTS
    return part not in plan.hidden_parts


# Makkelijk lezen: a picture with each part, from samenplan/static/samenplan/icons/.
# Decoration only (shown with alt=""), so a read-aloud tool skips it.
ICONS = {
    "overview": "home",
    "personal": "person",
    "what_matters": "heart",
    "goals": "flag",
    "actions": "check",
    "evaluations": "look-back",
    "logbook": "book",
    "agenda": "calendar",
    "medicines": "pill",
    "results": "chart",
    "measurements": "scale",
    "members": "people",
    "history": "clock",
}


def icon(key):
    """The icon of the part this section is in, or None."""
    return ICONS.get(key) or ICONS.get(PART_OF.get(key, key))
