"""The content files: both languages complete and alike, no figure typed into the prose, numbers per language."""

import re

import pytest

from explainer import text
from explainer.data import LANGUAGES, PROBLEM_CODES, Problem


def test_both_languages_have_the_same_keys_and_placeholders():
    english, spanish = text.strings("en"), text.strings("es")
    assert english.keys() == spanish.keys()
    for key in english:
        assert text.placeholders(english[key]) == text.placeholders(spanish[key]), key


def test_content_files_hold_no_figures():
    """Figures come from CSV rows with sources; prose may only name the scales (0, 10, 100) and "fewer than 1"."""
    for lang in LANGUAGES:
        for key, value in text.strings(lang).items():
            if key.startswith("problem."):
                continue  # file-format names such as UTF-8, not medical figures
            without_placeholders = re.sub(r"\{[^}]*\}", "", value)
            assert set(re.findall(r"\d+", without_placeholders)) <= {"0", "1", "10", "100"}, (lang, key, value)


def test_every_problem_code_has_a_message():
    for lang in LANGUAGES:
        problem_keys = {key.removeprefix("problem.") for key in text.strings(lang) if key.startswith("problem.")}
        assert (
            problem_keys - {"box_heading", "box_intro", "check_stopped_box", "where", "where_column", "where_file"}
            == PROBLEM_CODES
        )


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [(2.45, "en", "2.45"), (2.45, "es", "2,45"), (50.0, "en", "50"), (2.4, "es", "2,4"), (10, "es", "10")],
)
def test_numbers_per_language(value, lang, expected):
    assert text.number(value, lang) == expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (2.45, 2.45, "About 2 to 3 out of 100 implants"),
        (2.13, 2.13, "About 2 out of 100 implants"),
        (7.6, 12.6, "About 8 to 13 out of 100 implants"),
        (0.71, 0.71, "Fewer than 1 out of 100 implants"),
        (30, 40, "About 30 to 40 out of 100 implants"),
    ],
)
def test_out_of_100(low, high, expected):
    assert text.out_of_100(low, high, "en", per="implants") == expected


@pytest.mark.parametrize(
    ("locale", "lang"), [("es-MX", "es"), ("es", "es"), ("en-US", "en"), ("fr-FR", "en"), (None, "en")]
)
def test_language_from_browser_locale(locale, lang):
    assert text.language_from_locale(locale) == lang


def test_problem_in_plain_words():
    problem = Problem("risks.csv", 3, "rate_low", "not_a_number", {"value": "abc"})
    assert text.problem_place(problem, "en") == "risks.csv, row 3, column rate_low"
    assert text.problem_message(problem, "en") == '"abc" is not a number'


def test_mid_sentence_lowers_a_word_but_keeps_an_acronym():
    assert text.mid_sentence("Leg pain went down") == "leg pain went down"
    assert text.mid_sentence("SCS plus usual care") == "SCS plus usual care"
    assert text.mid_sentence("A review of many studies") == "a review of many studies"
    assert text.mid_sentence("Solo la atención médica habitual") == "solo la atención médica habitual"
