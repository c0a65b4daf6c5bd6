"""The English translation (samenplan/locale/en) is complete, compiled and used.

The .po file is read with a few lines of plain Python (no polib), so these checks need
nothing beyond the standard library. Add or change a Dutch string? Run, from samenplan/:

    DEBUG=1 ../.venv/bin/python ../manage.py makemessages -l en --no-obsolete -i "*/tests/*"

translate the new entries in locale/en/LC_MESSAGES/django.po, and `make messages`.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w+\}")


@dataclass
class Entry:
    line: int
    flags: set = field(default_factory=set)
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict = field(default_factory=dict)  # "" or the plural index -> text

    @property
    def is_header(self):
        return self.msgid == "" and self.msgid_plural is None

    def __str__(self):
        return f"django.po line {self.line}: {self.msgid!r}"


def read_po(path):
    """Entries of a .po file as makemessages writes it. Obsolete (#~) entries are kept
    out; makemessages --no-obsolete should not leave any."""
    entries, entry, key = [], None, None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            entry, key = None, None
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#~"):
            raise AssertionError(f"django.po line {number}: obsolete entry left behind")
        elif line.startswith("#"):
            continue
        else:
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', line)
            if match:
                keyword, index, text = match.groups()
                key = ("msgstr", index or "") if keyword.startswith("msgstr") else (keyword,)
                value = ""
            else:
                assert line.startswith('"'), f"django.po line {number}: cannot read {raw!r}"
                text = line
            value = ast.literal_eval(text)
            if key[0] == "msgstr":
                entry.msgstr[key[1]] = entry.msgstr.get(key[1], "") + value
            else:
                setattr(entry, key[0], (getattr(entry, key[0], None) or "") + value)
    return [e for e in entries if e.msgid or e.msgstr or e.msgid_plural]


@pytest.fixture(autouse=True)
def keep_the_active_language():
    """A request through LocaleMiddleware leaves its language active in this thread, and
    gettext outside a request (in actions, in other tests) would then give English. Put
    back what was active before each test here."""
    with translation.override(translation.get_language()):
        yield


ENTRIES = read_po(PO)
MESSAGES = [e for e in ENTRIES if not e.is_header]


def test_the_po_file_has_messages():
    assert len(MESSAGES) > 400
    assert len({(e.msgid, e.msgid_plural) for e in MESSAGES}) == len(MESSAGES)


def test_the_header_is_usable():
    # A fuzzy header is skipped by msgfmt, and with it the charset and plural rule.
    header = ENTRIES[0]
    assert header.is_header
    assert "fuzzy" not in header.flags
    text = header.msgstr[""]
    assert "Language: en\n" in text
    assert "charset=UTF-8" in text
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in text


def test_no_entry_is_fuzzy():
    # compilemessages leaves fuzzy entries out: the page would silently stay Dutch.
    fuzzy = [str(e) for e in MESSAGES if "fuzzy" in e.flags]
    assert not fuzzy, "Fuzzy entries (check the translation, then remove the flag):\n" + "\n".join(
        fuzzy
    )


def test_every_entry_is_translated():
    empty = []
    for e in MESSAGES:
        expected = {"0", "1"} if e.msgid_plural is not None else {""}
        if set(e.msgstr) != expected or not all(e.msgstr[k].strip() for k in expected):
            empty.append(str(e))
    assert not empty, "Untranslated entries:\n" + "\n".join(empty)


def test_placeholders_are_kept():
    wrong = []
    for e in MESSAGES:
        wanted = set(PLACEHOLDER.findall(e.msgid))
        if e.msgid_plural is not None:
            wanted |= set(PLACEHOLDER.findall(e.msgid_plural))
        for text in filter(None, e.msgstr.values()):  # empty ones: see the test above
            # The singular of a plural may leave the number out ("one agreement").
            if set(PLACEHOLDER.findall(text)) - wanted or (
                e.msgid_plural is None and set(PLACEHOLDER.findall(text)) != wanted
            ):
                wrong.append(f"{e}: {text!r}")
    assert not wrong, "Placeholders changed:\n" + "\n".join(wrong)


def test_the_english_is_not_the_dutch():
    # Names and abbreviations may be the same in both languages; sentences may not.
    same = [
        str(e)
        for e in MESSAGES
        if e.msgstr.get("") == e.msgid and len(e.msgid.split()) > 2
    ]
    assert not same


def test_the_compiled_catalog_matches_the_po_file():
    assert MO.exists(), "No compiled catalog: run `make messages` (django-admin compilemessages)."
    with MO.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)
    stale = []
    for e in MESSAGES:
        if not all(e.msgstr.values()):
            continue  # untranslated: test_every_entry_is_translated says so
        if e.msgid_plural is None:
            if catalog.gettext(e.msgid) != e.msgstr[""]:
                stale.append(str(e))
        elif catalog.ngettext(e.msgid, e.msgid_plural, 1) != e.msgstr["0"] or catalog.ngettext(
            e.msgid, e.msgid_plural, 2
        ) != e.msgstr["1"]:
            stale.append(str(e))
    assert not stale, "django.mo is out of date: run `make messages`.\n" + "\n".join(stale)


@pytest.mark.parametrize(
    ("dutch", "english"),
    [
        ("Mijn plan", "My plan"),
        ("Mijn doelen", "My goals"),
        ("Dit vult u zelf in.", "You fill this in yourself."),
        ("Wat is er veranderd", "What has changed"),
        ("Inloggen", "Log in"),
        ("Naaste", "Loved one"),
        ("Zorgverlener", "Care provider"),
    ],
)
def test_key_strings_are_english(dutch, english):
    with translation.override("en"):
        assert translation.gettext(dutch) == english
    with translation.override("nl"):
        assert translation.gettext(dutch) == dutch


def test_placeholders_work_in_english():
    with translation.override("en"):
        assert translation.gettext("Dit vult {name} zelf in.").format(name="Anna") == (
            "Anna fills this in themselves."
        )
        assert translation.gettext("Het plan van %(name)s") % {"name": "Anna"} == "Anna's plan"
        one = "%(counter)s afspraak bij dit doel"
        many = "%(counter)s afspraken bij dit doel"
        assert translation.ngettext(one, many, 1) % {"counter": 1} == "1 agreement for this goal"
        assert translation.ngettext(one, many, 3) % {"counter": 3} == "3 agreements for this goal"


def heading(response):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    return match and match.group(1).strip()


def test_the_login_page_is_dutch_by_default(client, db):
    response = client.get(reverse("accounts:login"))
    assert heading(response) == "Inloggen"
    assert '<html lang="nl"' in response.content.decode()


def test_the_login_page_is_english_after_switching(client, db):
    login_url = reverse("accounts:login")
    switched = client.post(reverse("set_language"), {"language": "en", "next": login_url})
    assert switched.status_code == 302
    assert switched["Location"] == login_url

    response = client.get(login_url)
    content = response.content.decode()
    assert heading(response) == "Log in"
    assert '<html lang="en"' in content
    assert "Email address" in content
    assert "Forgotten your password?" in content
    # The button to switch back is in Dutch, for the person who needs it.
    assert ">Nederlands</button>" in content
