"""Issue 32, the rescore: the take-home pages show the main harms as grids of 100 people, in the same form as the
benefits' grids, each with its text alternative and its source, the figures read from the data."""

import re

import pytest

from explainer import data, topics, views
from explainer.outputs import export
from tests.conftest import DATA, replace_in
from tests.test_guide import visible_text

HARM_GRIDS = topics.OVERVIEW.ids("risks", "harm_grids")


def take_home_pages(folder, lang: str) -> dict[str, str]:
    return {"handout": export.handout_html(folder, lang), "summary": export.summary_html(folder, lang)}


def harm_figures(page: str) -> list[str]:
    return re.findall(r'<figure class="grid100 harm">.*?</figure>', page, re.S)


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_handout_and_the_summary_draw_the_main_harms_as_grids_of_100(lang):
    harms = {harm["risk_id"]: harm for harm in views.by_how_often(data.load_risks(DATA).frame.to_dict("records"))}
    for name, page in take_home_pages(DATA, lang).items():
        figures = harm_figures(page)
        assert len(figures) == len(HARM_GRIDS) == 3, name
        for figure, risk_id in zip(figures, HARM_GRIDS, strict=True):
            harm = harms[risk_id]
            assert f'role="img" aria-label="{views.risk_view(harm, lang).alt_text}"' in figure, (name, risk_id)
            words = visible_text(figure)
            assert harm[f"name_{lang}"] in words, (name, risk_id)
            assert views.risk_rate(harm, lang, with_later=False) in words, (name, risk_id)
            assert re.search(r"\[\d+\]", words), f"{name}: {risk_id}'s grid names no source"


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_a_changed_harm_figure_in_the_data_changes_its_grid(data_copy, lang):
    repair = "repeat-surgery,Another surgery to fix the device,Otra cirugía para arreglar el aparato,"
    replace_in(data_copy / "risks.csv", f"{repair}31,31,", f"{repair}27,27,")
    new, old = {"en": ("27 out of 100", "31 out of 100"), "es": ("27 de cada 100", "31 de cada 100")}[lang]
    for name, page in take_home_pages(data_copy, lang).items():
        repair_grid = harm_figures(page)[HARM_GRIDS.index("repeat-surgery")]
        label = re.search(r'aria-label="([^"]*)"', repair_grid).group(1)
        assert new in label and old not in label, name
        assert new in visible_text(repair_grid) and old not in visible_text(repair_grid), name
        filled_dots = re.findall(r'<use [^>]*fill="#0B5394"', repair_grid)  # the grid's "had this problem" dots
        assert len(filled_dots) == 27, name
