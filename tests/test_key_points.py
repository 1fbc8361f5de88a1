"""Issue 32: a key points box opens and closes the guide's first page, the handout and the summary, in both
languages, every figure read from the data (explainer/key_points.py, one builder for the three)."""

import re

import pytest

from explainer import data, key_points
from explainer.outputs import export
from explainer.text import t
from tests.conftest import DATA, replace_in
from tests.test_guide import visible_text


def pages(folder, lang: str) -> dict[str, str]:
    return {
        "guide's first page": export.site_files(folder)[f"{lang}/index.html"],
        "handout": export.handout_html(folder, lang),
        "summary": export.summary_html(folder, lang),
    }


def boxes(page: str) -> list[str]:
    """The words of each key points box on a page, in page order."""
    return [
        visible_text(box).strip() for box in re.findall(r'<section class="box key-points".*?</section>', page, re.S)
    ]


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_key_points_open_and_close_each_page(lang):
    """Each page prints the box once and closes with a one-line reminder of its main message (a reviewer's PEMAT
    item 2: the same box twice on one page distracts; the guide's first page too, since the rescore)."""
    points = key_points.key_points(export.summary_tables(DATA), lang)
    for name, page in pages(DATA, lang).items():
        found = boxes(page)
        words = visible_text(page)
        opening = found[0]
        assert opening.startswith(t(lang, "key_points.heading")), name
        assert words.index(opening) < len(words) // 4, f"{name}: the box does not open the page"
        for line in points:
            assert line.text in opening, (name, line.text)
        assert len(found) == 1, f"{name}: the key points are printed twice"
        closing = f"{t(lang, 'handout.reminder_label')} {t(lang, 'handout.main_message')}"
        assert words.count(t(lang, "handout.main_message")) == 2, f"{name}: the main message opens and closes it"
        assert words.rindex(closing) > len(words) // 2, f"{name}: nothing closes the page"


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_key_points_say_the_five_things_with_the_datas_figures(lang):
    not_a_cure, leg_pain, repair, placebo, next_step = key_points.key_points(export.summary_tables(DATA), lang)
    figures = {
        "en": ("48 out of 100", "9 out of 100", "About 31 out of 100", "about the same amount with both"),
        "es": ("48 de cada 100", "9 de cada 100", "Alrededor de 31 de cada 100", "más o menos lo mismo con las dos"),
    }[lang]
    assert figures[0] in leg_pain.text and figures[1] in leg_pain.text and leg_pain.source_id == "kumar-2007"
    assert figures[2] in repair.text and repair.source_id == "kumar-2008"
    assert figures[3] in placebo.text and placebo.source_id == "hara-2022"  # its two changes are within noise
    fading = {
        "en": "about 18 out of 100 people had the device taken out within 5 years, most often because",
        "es": "a alrededor de 18 de cada 100 personas les quitaron el aparato en los primeros 5",
    }[lang]
    assert fading in not_a_cure.text and not_a_cure.source_id == "uk-explant-2020"
    assert next_step.source_id is None


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_a_changed_figure_in_the_data_changes_every_box(data_copy, lang):
    replace_in(data_copy / "trials.csv", ",6 months,6 meses,48,9,", ",6 months,6 meses,51,8,")
    repair = "repeat-surgery,Another surgery to fix the device,Otra cirugía para arreglar el aparato,"
    replace_in(data_copy / "risks.csv", f"{repair}31,31,", f"{repair}27,27,")
    replace_in(data_copy / "trials.csv", ",-10.6,-9.3,", ",-25,-9.3,")  # no longer within noise: said in points
    taken_out = "device-removed-5y,Device taken out (UK study),Le quitan el aparato (estudio del Reino Unido),"
    replace_in(data_copy / "risks.csv", f"{taken_out}17.8,17.8,", f"{taken_out}21,21,")
    expected = {
        "en": ("51 out of 100", "8 out of 100", "About 27 out of 100", "about 25 points", "about 21 out of 100"),
        "es": ("51 de cada 100", "8 de cada 100", "Alrededor de 27 de cada 100", "unos 25 puntos", "de 21 de cada 100"),
    }[lang]
    for name, page in pages(data_copy, lang).items():
        for box in boxes(page):
            for figure in expected:
                assert figure in box, (name, figure)
            assert "48 out of 100" not in box and "48 de cada 100" not in box, name
