"""The overview page: headline figures each on its own chart, the trials beside them, the clinic and the guide link."""

import pytest

from explainer import data, diagram, text
from tests.conftest import DATA, replace_in
from tests.pages.reading import charts_of, open_page, page_text, shown


def test_overview_shows_headline_figures_and_clinic():
    text = page_text(open_page("pages/overview.py"))
    for figure in ("50% to 70%", "85 out of 100", "72 out of 100", "50%", "Had less pain"):
        assert figure in text
    for detail in ("Aspire Pain Relief Institute", "Mohammed Omar, M.D.", "813-296-5939"):
        assert detail in text
    assert "physical therapy and medicines" in text


def test_overview_draws_each_headline_figure_on_its_own_chart():
    app = open_page("pages/overview.py")
    alts = [chart.proto.alt for chart in charts_of(app)]
    assert len(alts) == 4 and all(alts)
    assert sum("50% to 70%" in alt for alt in alts) == 1
    assert sum("85 filled dots" in alt and "15 rings" in alt for alt in alts) == 1
    assert sum("72 filled dots" in alt and "28 rings" in alt for alt in alts) == 1
    assert sum("quality of life" in alt and "50%" in alt for alt in alts) == 1


@pytest.mark.parametrize(("address", "shown"), [
    ("https://clinic.example.org/guide/", "https://clinic.example.org/guide/es/index.html"),
    ("/guide", "/guide/es/index.html"),
    ("javascript:alert(1)", None),
    ("", None),
])  # fmt: skip
def test_overview_links_to_the_patient_guide_when_its_address_is_set(monkeypatch, address, shown):
    monkeypatch.setenv("EXPLAINER_GUIDE_URL", address)
    app = open_page("pages/overview.py", "es")
    links = [element.value for element in app.markdown if "Una versión rápida para su teléfono" in element.value]
    if shown:
        link = f":material/bolt: [Una versión rápida para su teléfono]({shown})"
        assert links == [link, f"{link}  \n{text.t('es', 'guide.app_quick_link_help')}"]  # settings row, then page
    else:
        assert links == []


@pytest.mark.parametrize(("page_file", "lang"), [("pages/overview.py", "en"), ("pages/procedure.py", "es")])
def test_where_the_parts_go_is_drawn_with_its_words(page_file, lang):
    app = open_page(page_file, lang)
    images = list(app.get("image"))
    alts = [image.proto.imgs[0].alt for image in images]
    expected = [diagram.implant_diagram(stage, lang).alt_text for stage in diagram.STAGES]
    if page_file == "pages/procedure.py":  # and the limits while the wires settle, after the steps
        expected.append(diagram.limits_diagram(lang).alt_text)
    assert alts == expected
    legend = text.t(lang, "diagram.leads")
    assert sum(legend in element.value for element in app.markdown) == 2


def test_the_clinic_phone_is_a_number_a_phone_can_call(data_copy, monkeypatch):
    assert "[813\\-296\\-5939](tel:8132965939)" in "\n".join(m.value for m in open_page("pages/overview.py").markdown)
    replace_in(data_copy / "clinic.csv", "813-296-5939", "+1 (813) 296-5939 <b>)")
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    shown_markdown = "\n".join(m.value for m in open_page("pages/overview.py").markdown)
    assert "](tel:+18132965939)" in shown_markdown and "<b>" not in shown_markdown


@pytest.mark.parametrize(("lang", "process", "promise"), [
    ("en", "48 with the stimulator, 9 without, out of 100", "14 with the stimulator, 5 without, out of 100"),
    ("es", "48 con estimulador, 9 sin él, de cada 100", "14 con estimulador, 5 sin él, de cada 100"),
])  # fmt: skip
def test_overview_puts_the_trials_beside_the_clinics_figures(lang, process, promise):
    app = open_page("pages/overview.py", lang=lang)
    values = [shown(element.value) for element in app.markdown]
    clinic_cards = [value for value in values if value.startswith("#### ")]
    assert f"#### {process}" in clinic_cards and f"#### {promise}" in clinic_cards  # the same weight as the clinic's
    trials = data.load_trials(DATA).frame.set_index("trial_id")
    assert round(trials.loc["PROCESS-6m", "value_with"]) == 48 and round(trials.loc["PROMISE-6m", "value_without"]) == 5
    assert "Kumar K, et al. Pain. 2007" in page_text(app) and "Rigoard P" in page_text(app)
