"""Every Dutch interface string is plain language (F2b) and does not judge (F3a).

Reads the msgids of the English catalogue, so a new string is checked as soon as
makemessages has picked it up. Jargon that may stay when it is explained on the same page
(explained_by in samenplan/lib/taal.py) is checked per page, not here: one string does
not show what else is on the page.
"""

from samenplan.lib import taal
from samenplan.lib.tests.test_translations import PO, read_po

TEXTS = [
    (entry, text)
    for entry in read_po(PO)
    if not entry.is_header
    for text in (entry.msgid, entry.msgid_plural)
    if text
]


def test_it_reads_the_interface_strings():
    assert len(TEXTS) > 400


def test_no_interface_string_judges():
    found = [
        f"{entry}: {word!r}" for entry, text in TEXTS for word in taal.judging_in(text)
    ]
    assert not found, "Judging words (F3a):\n" + "\n".join(found)


def test_no_interface_string_uses_jargon():
    found = [
        f"{entry}: {jargon.word!r}, write {jargon.alternative!r}"
        for entry, text in TEXTS
        for jargon in taal.jargon_in(text)
        if not jargon.explained_by
    ]
    assert not found, "Jargon (F2b):\n" + "\n".join(found)


def test_no_interface_sentence_is_too_long():
    found = [
        f"{entry}: {len(taal.words(sentence))} words in {sentence!r}"
        for entry, text in TEXTS
        for sentence in taal.measure(text).long_sentences
    ]
    assert not found, (
        f"Sentences longer than {taal.MAX_WORDS_PER_SENTENCE} words (F2b):\n" + "\n".join(found)
    )
