"""Measure Dutch text against B1, the level of plain language (F2b), and find words that
judge (F3a).

Used in three places: hints for a care provider while writing text a patient will read,
tests on every interface string, and the figures per page in docs/taal.md. The tables at
the top are the content; change them here and every check follows.

A form in the tables is matched as a whole word, case-insensitive. A trailing * stands for
any ending, so inflections and compounds count too ("medicatie*" also finds
"medicatielijst"). A form may be several words ("ten behoeve van").
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import pyphen
from django.utils.translation import gettext as _

MAX_AVERAGE_WORDS_PER_SENTENCE = 12  # agreed target per page
MAX_WORDS_PER_SENTENCE = 20  # a single sentence longer than this gets a hint
LONG_WORD_SYLLABLES = 4


@dataclass(frozen=True)
class Jargon:
    word: str  # the lemma, lower case
    alternative: str  # what to write instead, B1 Dutch
    # Phrases (lower case) that explain the word: with one of them in the same text the
    # word may stay. Empty: always write the alternative.
    explained_by: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()  # other forms that count as this word (see the top)


JARGON = (
    Jargon("evalueren", "terugkijken", forms=("evalu*", "geëvalueerd")),
    Jargon("medicatie", "medicijnen", forms=("medicatie*",)),
    Jargon("persoonsgegevens", "mijn gegevens", forms=("persoonsgegeven*",)),
    Jargon(
        "indicatie", "welke zorg u krijgt", forms=("indicatie*",),
        explained_by=("welke zorg", "recht op zorg", "zorg krijgt", "zorg u krijgt"),
    ),
    Jargon(
        "streefwaarde", "de waarde die u wilt halen", forms=("streefwaarde*",),
        explained_by=("wat u wilt bereiken", "doel voor", "waarde die u wilt halen",
                      "waarde die de persoon wil halen"),
    ),
    Jargon(
        "therapietrouw", "uw medicijnen innemen zoals afgesproken",
        forms=("therapietrouw*", "therapieontrouw*", "adherentie"),
    ),
    Jargon("compliance", "doen wat is afgesproken", forms=("compliant", "non-complian*")),
    Jargon("interventie", "wat we doen", forms=("interventie*",)),
    Jargon("leefstijlinterventie", "hulp bij gezonder leven", forms=("leefstijlinterventie*",)),
    Jargon("anamnese", "vragen over uw klachten", forms=("anamnese*",)),
    Jargon(
        "diagnose", "wat u heeft", forms=("diagnose*", "diagnosticeren", "gediagnosticeerd"),
        explained_by=("wat u heeft", "welke ziekte", "ziekte die u heeft"),
    ),
    Jargon("prognose", "wat we verwachten", forms=("prognose*",)),
    Jargon("multidisciplinair", "met zorgverleners uit verschillende vakken",
           forms=("multidisciplina*",)),
    Jargon("exacerbatie", "longaanval", forms=("exacerbatie*",)),
    Jargon("dyspneu", "kortademig"),
    Jargon("saturatie", "zuurstof in uw bloed", forms=("saturatie*",)),
    Jargon("spirometrie", "blaastest", forms=("spirometrie*",),
           explained_by=("blaastest", "longfunctie")),
    Jargon("hypoglykemie", "een te lage suiker (hypo)", forms=("hypoglykemie*", "hypoglycemie*")),
    Jargon("hyperglykemie", "een te hoge suiker (hyper)",
           forms=("hyperglykemie*", "hyperglycemie*")),
    Jargon("hba1c", "uw gemiddelde bloedsuiker",
           explained_by=("gemiddelde suiker", "gemiddelde bloedsuiker")),
    Jargon("retinopathie", "schade aan uw ogen door diabetes", forms=("retinopathie*",)),
    Jargon("neuropathie", "schade aan uw zenuwen", forms=("neuropathie*",)),
    Jargon("poh", "praktijkondersteuner", explained_by=("praktijkondersteuner",)),
    Jargon("adl", "dagelijkse dingen, zoals wassen en aankleden"),
    Jargon("mobiliteit", "bewegen"),
    Jargon("participatie", "meedoen"),
    Jargon("frequentie", "hoe vaak", forms=("frequentie*",)),
    Jargon("monitoren", "in de gaten houden", forms=("monitort", "monitoring", "gemonitord")),
    Jargon("adequaat", "goed", forms=("adequa*",)),
    Jargon("conform", "volgens"),
    Jargon("middels", "met"),
    Jargon("inzake", "over"),
    Jargon("ten behoeve van", "voor", forms=("t.b.v.",)),
    Jargon("retourneren", "terugsturen", forms=("retourne*", "geretourneerd")),
    Jargon("autoriseren", "toestemming geven",
           forms=("autorise*", "autorisatie*", "geautoriseerd")),
    Jargon("authenticatie", "inloggen", forms=("authenticatie*", "authenticeren")),
    Jargon("accorderen", "akkoord geven", forms=("accordeer*", "geaccordeerd")),
    Jargon("verifiëren", "controleren", forms=("verifi*", "geverifieerd", "geverifiëerd")),
)

# F3a: the plan states no norms and does not judge behaviour as good or bad; praise is a
# judgement too. "goed" alone is not here: it also means "right" ("Is dit goed?"), and
# "niet goed" often means "not really" ("Ik weet niet goed waar"). Neither is "hoort"
# alone: "Dit hoort bij uw plan" only says where something belongs.
JUDGING = (
    "moet", "moeten", "moest", "moesten", "hoort te", "horen te", "hoorde te",
    "goed gedaan", "goed zo", "goed bezig", "knap gedaan", "keurig", "braaf", "brave",
    "slecht*", "fout", "foute", "fouten", "verkeerd*", "gefaald", "faalt",
    "mislukt", "mislukking", "ongezond*", "te dik", "lui", "luie", "ongehoorzaam*",
    "ongemotiveerd*", "weigerachtig*", "onverstandig*", "eigen schuld", "zondig*",
    "gezondigd",
)

# A full stop after these does not end a sentence.
ABBREVIATIONS = {
    "bijv.", "bv.", "o.a.", "d.w.z.", "enz.", "etc.", "i.p.v.", "m.b.t.", "t.o.v.", "t.b.v.",
    "z.s.m.", "evt.", "ca.", "incl.", "excl.", "nl.", "dhr.", "mevr.", "mw.", "dr.", "nr.",
    "tel.", "zgn.", "vnl.", "resp.", "max.", "min.", "e.d.", "a.u.b.", "s.v.p.",
}
# ... except these, at the end of a list, when a capital letter follows.
SENTENCE_ENDING_ABBREVIATIONS = {"enz.", "etc.", "e.d."}

PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdif]|\{\{.*?\}\}|\{[\w.]*\}")
# Block elements end a line, as they do in a page's innerText.
BLOCK_TAG = re.compile(
    r"</?(?:br|p|li|div|h[1-6]|tr|td|th|dt|dd|button|label|option|legend|summary)\b[^<>]*>",
    re.IGNORECASE,
)
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
LIST_MARKER = re.compile(r"^\s*(?:[-*•–]|\d+[.)]|[a-z]\))\s+")
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
# Letters with inner hyphens or apostrophes, numbers as 7.5, 10.30 or 31-12-2026, and
# abbreviations as o.a. count as one word each.
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’-][^\W_]+)*(?:[.,:]\d+)*")
LETTERS = re.compile(r"[^\W\d_]+")
# One vowel sound: Dutch writes several with two or three letters. A diaeresis (ë, ï)
# starts a new one, so "ideeën" has three.
VOWEL_SOUND = re.compile(
    r"eau|aai|ooi|oei|eeu|ieu|aa|ee|oo|uu|ie|oe|eu|ui|ei|ij|ou|au|ai|[aeiouyáéíóúàèâêîôûäëïöü]"
)
HYPHENATOR = pyphen.Pyphen(lang="nl_NL", left=1, right=1)


@dataclass(frozen=True)
class Measure:
    sentences: int
    words: int
    words_per_sentence: float  # average; 0 when no sentences
    long_word_share: float  # 0..1, of the words with letters (numbers have no syllables)
    flesch_douma: float  # 0 when no words with letters
    long_sentences: tuple[str, ...]  # longer than MAX_WORDS_PER_SENTENCE words
    jargon: tuple[Jargon, ...]  # found without its explanation in the text
    judging: tuple[str, ...]  # as found, lower case


def _clean(text):
    """Text as a reader sees it: no placeholders, no tags, one block per line."""
    text = PLACEHOLDER.sub("", str(text or ""))
    text = TAG.sub("", BLOCK_TAG.sub("\n", text))
    return unicodedata.normalize("NFC", html.unescape(text))


@cache
def _finder(forms):
    """One regex for a tuple of forms (see the top of this module)."""
    alternatives = []
    for form in sorted(forms, key=len, reverse=True):  # longest first: "hoort te" before "hoort"
        stem = r"\s+".join(re.escape(part) for part in form.rstrip("*").split())
        alternatives.append(stem + (r"[\w-]*" if form.endswith("*") else ""))
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def sentences(text):
    """Split on . ! ? and on line ends: in a page's innerText every heading, button and
    list item has a line of its own. Lines without words are left out."""
    found = []
    for line in _clean(text).splitlines():
        line = LIST_MARKER.sub("", line)
        start = 0
        for end in SENTENCE_END.finditer(line):
            token = line[: end.end()].split()[-1].lstrip("([\"'‘“").lower()
            rest = line[end.end() :].lstrip()
            if token in ABBREVIATIONS and not (
                token in SENTENCE_ENDING_ABBREVIATIONS and rest[:1].isupper()
            ):
                continue
            found.append(line[start : end.end()])
            start = end.end()
        found.append(line[start:])
    return [sentence.strip() for sentence in found if words(sentence)]


def words(sentence_or_text):
    """Words and numbers, without placeholders and HTML tags."""
    return WORD.findall(_clean(sentence_or_text))


@lru_cache(maxsize=10_000)
def syllables(word):
    """Pyphen's Dutch patterns do not split a single vowel off at the edge of a word
    ("eten", "eva-lu-a-tie"), so a piece it leaves whole with more than one vowel sound
    counts as that many syllables."""
    total = 0
    for part in LETTERS.findall(str(word).lower()):
        if VOWEL_SOUND.search(part):
            pieces = HYPHENATOR.inserted(part, hyphen="-").split("-")
            total += sum(max(1, len(VOWEL_SOUND.findall(piece))) for piece in pieces)
    return max(total, 1) if LETTERS.search(str(word)) else 0


def _jargon_found(text):
    """(Jargon, the form found) for each unexplained jargon word, in table order."""
    text = _clean(text)
    found = []
    for jargon in JARGON:
        match = _finder((jargon.word, *jargon.forms)).search(text)
        if match and not (jargon.explained_by and _finder(jargon.explained_by).search(text)):
            form = " ".join(match.group().split())
            # Lower case, except abbreviations such as HbA1c and POH.
            found.append((jargon, form if form[1:] != form[1:].lower() else form.lower()))
    return found


def jargon_in(text):
    return [jargon for jargon, _form in _jargon_found(text)]


def judging_in(text):
    found = (" ".join(m.group().lower().split()) for m in _finder(JUDGING).finditer(_clean(text)))
    return list(dict.fromkeys(found))  # each once, in the order of the text


def measure(text):
    per_sentence = [(sentence, words(sentence)) for sentence in sentences(text)]
    all_words = [word for _sentence, found in per_sentence for word in found]
    counts = [syllables(word) for word in all_words if LETTERS.search(word)]
    average = len(all_words) / len(per_sentence) if per_sentence else 0.0
    return Measure(
        sentences=len(per_sentence),
        words=len(all_words),
        words_per_sentence=average,
        long_word_share=(
            sum(c >= LONG_WORD_SYLLABLES for c in counts) / len(counts) if counts else 0.0
        ),
        flesch_douma=(
            206.835 - 0.93 * average - 77 * sum(counts) / len(counts) if counts else 0.0
        ),
        long_sentences=tuple(
            sentence for sentence, found in per_sentence if len(found) > MAX_WORDS_PER_SENTENCE
        ),
        jargon=tuple(jargon_in(text)),
        judging=tuple(judging_in(text)),
    )


def hints(text):
    """Friendly hints in B1 Dutch for a care provider writing text a patient will read."""
    found = []
    all_sentences = sentences(text)
    for sentence in all_sentences:
        count = len(words(sentence))
        if count <= MAX_WORDS_PER_SENTENCE:
            continue
        if len(all_sentences) == 1:
            found.append(
                _("Deze zin is lang (%(count)s woorden). Kunt u hem in twee zinnen zeggen?")
                % {"count": count}
            )
        else:
            found.append(
                _(
                    "De zin die begint met '%(start)s' is lang (%(count)s woorden). "
                    "Kunt u hem in twee zinnen zeggen?"
                )
                % {"start": " ".join(words(sentence)[:4]) + " …", "count": count}
            )
    for jargon, form in _jargon_found(text):
        values = {"word": form, "alternative": jargon.alternative}
        if jargon.explained_by:
            found.append(
                _("Niet iedereen kent '%(word)s'. Leg het woord uit, of schrijf '%(alternative)s'.")
                % values
            )
        else:
            found.append(_("Schrijf liever '%(alternative)s' in plaats van '%(word)s'.") % values)
    for word in judging_in(text):
        found.append(
            _(
                "'%(word)s' kan klinken als een oordeel. "
                "Schrijf liever wat u ziet, of wat u samen afspreekt."
            )
            % {"word": word}
        )
    return found


def problems(text):
    """What breaks the agreed targets for a page, in English for test output."""
    result = measure(text)
    found = []
    if result.words_per_sentence > MAX_AVERAGE_WORDS_PER_SENTENCE:
        found.append(
            f"{result.words_per_sentence:.1f} words per sentence on average "
            f"(at most {MAX_AVERAGE_WORDS_PER_SENTENCE})"
        )
    found += [f"jargon {j.word!r}: write {j.alternative!r}" for j in result.jargon]
    found += [f"judging word {word!r}" for word in result.judging]
    return found


def report_markdown(rows, title, total=True):
    """A table of the figures per page, with a line for all pages together (unless
    `total` is false)."""

    def cell(text):
        return str(text).replace("|", "\\|")

    def line(name, m, jargon, judging):
        return (
            f"| {cell(name)} | {m.sentences} | {m.words} | {m.words_per_sentence:.1f} "
            f"| {m.long_word_share:.0%} | {m.flesch_douma:.1f} | {cell(jargon) or '–'} "
            f"| {cell(judging) or '–'} |"
        )

    lines = [
        f"## {title}",
        "",
        "| Page | Sentences | Words | Words per sentence | Long words | Flesch-Douma "
        "| Jargon | Judging words |",
        "|---|--:|--:|--:|--:|--:|---|---|",
    ]
    for name, m in rows:
        jargon = ", ".join(j.word for j in m.jargon)
        lines.append(line(name, m, jargon, ", ".join(m.judging)))
    if not total:
        return "\n".join([*lines, ""])
    total_sentences = sum(m.sentences for _name, m in rows)
    total_words = sum(m.words for _name, m in rows)

    def weighted(figure):  # pages with more words weigh more
        if not total_words:
            return 0.0
        return sum(getattr(m, figure) * m.words for _name, m in rows) / total_words

    total = Measure(
        sentences=total_sentences,
        words=total_words,
        words_per_sentence=total_words / total_sentences if total_sentences else 0.0,
        long_word_share=weighted("long_word_share"),
        flesch_douma=weighted("flesch_douma"),
        long_sentences=(),
        jargon=(),
        judging=(),
    )
    jargon = len({j for _name, m in rows for j in m.jargon})
    judging = len({word for _name, m in rows for word in m.judging})
    lines.append(line("**All pages**", total, jargon or "", judging or ""))
    lines += [
        "",
        "Long words have 4 or more syllables. On the last line, long words and Flesch-Douma "
        "are averages weighted by words; jargon and judging words are counted once each.",
        "",
    ]
    return "\n".join(lines)
