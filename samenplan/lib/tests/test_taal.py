import random

import pytest
from django.utils import translation

from samenplan.lib import taal


@pytest.fixture(autouse=True)
def dutch():
    # The hints are Dutch source text; another test may have left English active.
    with translation.override("nl"):
        yield


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("medicijnen", 4),
        ("terugkijken", 4),
        ("zorgverlener", 4),
        ("afspraak", 2),
        ("ik", 1),
        ("persoonsgegevens", 5),
        # Pyphen alone finds one fewer in these: it does not split at the word's edge.
        ("eten", 2),
        ("evaluatie", 5),
        ("ideeën", 3),
        ("e-mailadres", 4),
        ("Medicijnen", 4),
    ],
)
def test_it_counts_dutch_syllables(word, count):
    assert taal.syllables(word) == count


def test_a_number_has_no_syllables():
    assert taal.syllables("2026") == 0
    assert taal.syllables("") == 0


def test_it_splits_sentences_on_full_stops_question_and_exclamation_marks():
    assert taal.sentences("Ik lees. Lees jij ook? Ja! Fijn.") == [
        "Ik lees.",
        "Lees jij ook?",
        "Ja!",
        "Fijn.",
    ]


def test_it_does_not_split_on_abbreviations_decimals_times_or_dates():
    text = (
        "U neemt bijv. fruit, o.a. appels, d.w.z. iets zoets enz. om 10.30 uur "
        "op 31-12-2026 met een waarde van 7.5 mmol."
    )
    assert taal.sentences(text) == [text]


def test_a_sentence_ends_after_enz_when_a_new_sentence_follows():
    assert taal.sentences("Appels, peren enz. Dat mag.") == ["Appels, peren enz.", "Dat mag."]


def test_every_line_is_a_sentence():
    text = "Mijn plan\nMijn doelen\n\nWat vindt u belangrijk? Schrijf het op.\nOpslaan"
    assert taal.sentences(text) == [
        "Mijn plan",
        "Mijn doelen",
        "Wat vindt u belangrijk?",
        "Schrijf het op.",
        "Opslaan",
    ]


def test_lines_without_words_and_list_markers_are_not_sentences():
    text = "• Eerste punt\n—\n1. Zet de app op uw telefoon\n- Klaar\n ... \n"
    assert taal.sentences(text) == ["Eerste punt", "Zet de app op uw telefoon", "Klaar"]


def test_words_keep_hyphens_apostrophes_and_numbers():
    assert taal.words("Zo'n e-mailadres, om 10.30 uur, o.a. HbA1c.") == [
        "Zo'n",
        "e-mailadres",
        "om",
        "10.30",
        "uur",
        "o.a.",
        "HbA1c",
    ]


def test_it_ignores_placeholders_and_html():
    text = "<p>Beste %(name)s,</p><p>Dit is het plan van {name}. Het heeft %(count)d doelen.</p>"
    assert taal.sentences(text) == ["Beste ,", "Dit is het plan van .", "Het heeft  doelen."]
    assert taal.words(text) == "Beste Dit is het plan van Het heeft doelen".split()


def test_it_counts_words_per_sentence():
    result = taal.measure("Ik lees een boek. Anna zit op de bank.")
    assert (result.sentences, result.words, result.words_per_sentence) == (2, 9, 4.5)


def test_it_computes_flesch_douma():
    # 2 sentences, 6 words, 9 syllables (me-di-cij-nen has 4):
    # 206.835 - 0.93 * 6/2 - 77 * 9/6 = 206.835 - 2.79 - 115.5 = 88.545
    result = taal.measure("Ik neem mijn medicijnen. Dat helpt.")
    assert result.flesch_douma == pytest.approx(88.545)


def test_it_computes_the_share_of_long_words():
    result = taal.measure("Ik neem mijn medicijnen. Dat helpt.")
    assert result.long_word_share == pytest.approx(1 / 6)


def test_numbers_count_as_words_but_not_for_syllables():
    # 5 words; the 4 with letters have 1 syllable each: 206.835 - 0.93 * 5 - 77 * 4/4
    result = taal.measure("Ik kom om 10.30 uur.")
    assert result.words == 5
    assert result.flesch_douma == pytest.approx(125.185)


def test_an_empty_text_measures_zero():
    result = taal.measure("")
    assert (result.sentences, result.words, result.words_per_sentence) == (0, 0, 0)
    assert (result.long_word_share, result.flesch_douma) == (0, 0)


def test_it_lists_long_sentences():
    long = " ".join(["woord"] * 21) + "."
    assert taal.measure(f"Kort. {long}").long_sentences == (long,)
    assert taal.measure(" ".join(["woord"] * 20)).long_sentences == ()


def test_it_finds_jargon():
    assert [j.word for j in taal.jargon_in("Uw medicatie staat in de lijst.")] == ["medicatie"]


@pytest.mark.parametrize(
    "text",
    ["We evalueren samen.", "De evaluatie.", "Alle evaluaties.", "Het is geëvalueerd.",
     "Evaluatiegesprek"],
)
def test_it_finds_inflections_of_jargon(text):
    assert [j.word for j in taal.jargon_in(text)] == ["evalueren"]


def test_jargon_is_found_as_whole_words_only():
    assert taal.jargon_in("Zet Microsoft Authenticator op uw telefoon.") == []
    assert taal.jargon_in("Zij speelt accordeon.") == []


def test_jargon_is_accepted_when_the_text_explains_it():
    assert [j.word for j in taal.jargon_in("Dit is uw indicatie.")] == ["indicatie"]
    assert taal.jargon_in("Een indicatie zegt welke zorg u mag krijgen.") == []


def test_jargon_that_always_needs_the_alternative_is_not_explained_away():
    assert [j.word for j in taal.jargon_in("Medicatie: de medicijnen die u neemt.")] == [
        "medicatie"
    ]


def test_it_finds_judging_words_and_phrases():
    text = "Goed gedaan! U moet minder eten. Dit is fout en te   dik."
    assert taal.judging_in(text) == ["goed gedaan", "moet", "fout", "te dik"]


def test_goed_and_hoort_alone_do_not_judge():
    assert taal.judging_in("Is dit goed? Dit hoort bij uw plan. Een tikfout.") == []
    assert taal.judging_in("Ik weet niet goed wat er in de buurt te doen is.") == []


def test_it_hints_at_a_long_sentence():
    text = " ".join(["woord"] * 24) + "."
    assert taal.hints(text) == [
        "Deze zin is lang (24 woorden). Kunt u hem in twee zinnen zeggen?"
    ]


def test_it_names_the_long_sentence_when_there_are_several():
    text = "Dat is kort. Daarna " + " ".join(["woord"] * 22) + "."
    assert taal.hints(text) == [
        "De zin die begint met 'Daarna woord woord woord …' is lang (23 woorden). "
        "Kunt u hem in twee zinnen zeggen?"
    ]


def test_it_hints_at_jargon():
    assert taal.hints("We bespreken uw medicatie.") == [
        "Schrijf liever 'medicijnen' in plaats van 'medicatie'."
    ]
    assert taal.hints("Uw indicatie.") == [
        "Niet iedereen kent 'indicatie'. Leg het woord uit, of schrijf 'welke zorg u krijgt'."
    ]


def test_it_hints_at_a_judging_word():
    assert taal.hints("Dat was fout.") == [
        "'fout' kan klinken als een oordeel. Schrijf liever wat u ziet, of wat u samen afspreekt."
    ]


def test_a_plain_text_gets_no_hints():
    assert taal.hints("We spreken af dat u elke dag een half uur wandelt. Is dit goed?") == []
    assert taal.hints("") == []


def test_hints_never_raise():
    alphabet = "aeëioubcdkmnstz .,!?-'’\n<>/%(){}0123456789ÉÏ€😀\u0308\t"
    randomly = random.Random(7)
    texts = ["".join(randomly.choices(alphabet, k=randomly.randint(0, 200))) for _i in range(300)]
    texts += [None, "...", "<p></p>", "%(x)s", "{", "<", "-\n-", "\u200b", " ".join(["a"] * 5000)]
    for text in texts:
        assert isinstance(taal.hints(text), list)


def test_problems_name_the_figures_and_words():
    text = "Uw medicatie moet " + " ".join(["goed"] * 12) + "."
    assert taal.problems(text) == [
        "15.0 words per sentence on average (at most 12)",
        "jargon 'medicatie': write 'medicijnen'",
        "judging word 'moet'",
    ]
    assert taal.problems("Mijn plan\nMijn doelen\nWat vindt u belangrijk?") == []


def test_the_report_is_a_markdown_table_with_the_figures():
    rows = [
        ("Mijn doelen", taal.measure("Ik neem mijn medicijnen. Dat helpt.")),
        ("Profiel", taal.measure("Uw medicatie moet op tijd.")),
    ]
    report = taal.report_markdown(rows, "Taal per pagina").splitlines()
    assert report[0] == "## Taal per pagina"
    assert report[2].startswith("| Page | Sentences | Words | Words per sentence |")
    assert report[4] == "| Mijn doelen | 2 | 6 | 3.0 | 17% | 88.5 | – | – |"
    assert report[5].startswith("| Profiel | 1 | 5 | 5.0 |")
    assert report[5].endswith("| medicatie | moet |")
    assert report[6].startswith("| **All pages** | 3 | 11 | 3.7 |")


def test_the_tables_are_lower_case_and_find_their_own_words():
    for jargon in taal.JARGON:
        assert jargon.word == jargon.word.lower()
        assert all(phrase == phrase.lower() for phrase in jargon.explained_by)
        assert taal.jargon_in(jargon.word) == [jargon]
    for phrase in taal.JUDGING:
        assert taal.judging_in(phrase.rstrip("*")) == [phrase.rstrip("*")]
