"""Issue 30: words that must say the same thing wherever a reader meets them."""

import csv
import re

import pytest

from explainer import text, topics
from tests.conftest import DATA, ROOT

# Where the permanent battery goes: ../shared/evidence/README.md says buttock, abdomen or chest.
BATTERY_PLACES = {"en": ("buttock", "belly", "chest"), "es": ("nalga", "abdomen", "pecho")}


def rows(name: str) -> dict[str, dict]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as file:
        return {row[next(iter(row))]: row for row in csv.DictReader(file)}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_place_that_says_where_the_battery_goes_names_the_same_three_places(lang):
    says = {
        "overview": text.t(lang, "overview.part_battery"),
        "drawing": text.t(lang, "diagram.note"),
        "procedure": rows("procedure")["implant"][f"what_happens_{lang}"],
    }
    for where, words in says.items():
        missing = [place for place in BATTERY_PLACES[lang] if place not in words.lower()]
        assert not missing, f"{where} does not name {missing}: {words}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_switching_note_says_when(lang):
    trial = rows("trials")["PROCESS-12m"]
    note = trial[f"note_{lang}"]
    assert trial[f"time_span_{lang}"] in note, note
    assert not re.search(r"\b(By then|Para entonces)\b", note)


def test_spanish_agrees_in_gender_and_case():
    spanish = "\n".join(text.strings("es").values())
    assert "la placebo" not in spanish
    assert text.t("es", "wrap_up.note_none_feminine") == "ninguna"


def test_the_readme_lists_every_page_and_the_port():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = re.findall(r"^\| `(/[a-z-]*)` \|", readme, flags=re.MULTILINE)
    assert table == [f"/{topic.address}" for topic in topics.in_app()]
    assert "make run PORT=" in readme
