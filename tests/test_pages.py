"""Every page through AppTest: its figures and sources are on it, nothing raises, broken data shows a clear box."""

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from explainer import data, diagram, text
from explainer.outputs import export, guide
from tests.app_pages import app_pages
from tests.conftest import DATA, ROOT, replace_in

TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")


def open_page(page_file: str, lang: str = "en") -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["lang"] = lang
    app.run()
    if page_file != app_pages()[0].file:
        app.switch_page(page_file).run()
        # AppTest resends a radio's default after switch_page; choose the language as a reader would.
        app.radio(key="lang").set_value(lang).run()
    return app


def page_text(app: AppTest) -> str:
    parts = [element.value for kind in TEXT_ELEMENTS for element in getattr(app, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    parts += [table.value.to_csv() for table in app.table]
    return shown("\n".join(str(part) for part in parts))


def shown(markdown: str) -> str:
    """Markdown as a reader sees it: escapes and bold markers removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("**", "")


def charts_of(app: AppTest) -> list:
    return list(app.get("vega_lite_chart"))


def test_every_page_file_is_named_after_its_address():
    for page in app_pages():
        assert Path(page.file).stem == (page.url_path or "overview"), page


def test_the_navigation_keeps_the_stable_addresses():
    addresses = [page.url_path for page in app_pages()]
    assert addresses[0] == ""
    assert {"outcomes", "evidence", "procedure", "risks", "sources"} <= set(addresses)


@pytest.mark.parametrize("page", app_pages(), ids=lambda page: page.url_path or "overview")
def test_every_page_runs_without_exception(page):
    app = open_page(page.file)
    assert not app.exception
    assert not app.error, [error.value for error in app.error]
    assert len(app.title) == 1


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


def test_outcomes_charts_carry_their_numbers_in_text_alternatives():
    app = open_page("pages/outcomes.py")
    alts = [chart.proto.alt for chart in charts_of(app)]
    assert len(alts) == 5 and all(alts)
    assert any("50% to 70%" in alt for alt in alts)
    assert any("85 filled dots" in alt and "15 rings" in alt for alt in alts)
    assert any("72 filled dots" in alt and "28 rings" in alt for alt in alts)
    assert any("quality of life" in alt and "50%" in alt for alt in alts)
    text = page_text(app)
    assert "85 out of 100 people" in text and "72 out of 100 people" in text
    assert text.count("Cited by the clinic article") == 4


def test_outcomes_pain_control_shows_what_the_range_means():
    app = open_page("pages/outcomes.py")
    assert "leave it at about 2.4 to 4 out of 10" in page_text(app)
    app.slider(key="my_pain").set_value(5).run()
    assert "If your pain today is 5 out of 10" in page_text(app)
    assert "about 1.5 to 2.5 out of 10" in page_text(app)
    assert any("Today: 5 out of 10" in chart.proto.alt for chart in charts_of(app))
    app.slider(key="my_pain").set_value(0).run()
    assert "nothing to lower" in page_text(app)


def test_risks_page_gives_each_harm_out_of_100_with_its_source():
    app = open_page("pages/risks.py")
    text = page_text(app)
    for phrase in (
        "About 2 to 3 out of 100 implants",
        "About 30 to 40 out of 100 people with an implant",
        "Fewer than 1 out of 100 people",
        "About 18 out of 100 people, within 5 years",
        "About 17 out of 100 people",
        "About 2 out of 100 people, within 30 days",
        "not a cure",
    ):
        assert phrase in text, phrase
    assert text.count("Named in the clinic article") == 3
    citations = data.load_sources(DATA).frame.set_index("source_id")["citation"]
    for source_id in data.load_risks(DATA).frame["source_id"]:
        assert citations[source_id] in text


def test_procedure_page_lists_every_step_and_the_gentle_difference():
    text = page_text(open_page("pages/procedure.py"))
    for title in data.load_procedure(DATA).frame["title_en"]:
        assert title in text
    assert "That describes this trial step." in text
    assert "Numbing medicine in the skin of your back" in text
    assert "at least 5 on a 0 to 10 scale (50 on a 0 to 100 scale)" in text, "the pain scale of the pain control"
    for internal in ("checked sources", "Our checked", "longer limits"):
        assert internal not in text
    assert "North Bristol NHS Trust" in text, "the leaflets are named"


def test_sources_page_lists_every_source_with_year_use_and_review_date():
    text = page_text(open_page("pages/sources.py"))
    sources = data.load_sources(DATA).frame
    assert text.count("Last reviewed:") == len(sources)
    assert "Year: 2017" in text and "Year: not given" in text
    assert "result: How much their pain went down" in text
    assert "risk: Infection" in text


@pytest.mark.parametrize("page", app_pages(), ids=lambda page: page.url_path or "overview")
def test_broken_data_shows_an_error_box_and_never_raises(page, data_copy, monkeypatch):
    replace_in(data_copy / "outcomes.csv", ",50,70,", ",50,700,")
    (data_copy / "risks.csv").write_bytes(b"\xff\xfe\x00junk")
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    app = open_page(page.file)
    assert not app.exception
    errors = shown("\n".join(error.value for error in app.error))
    if page.url_path in ("", "outcomes"):
        assert "outcomes.csv, row 2, column value_high" in errors
        assert "700 is outside the allowed range of 0 to 100" in errors
    if page.url_path == "risks":
        assert "risks.csv" in errors and "UTF-8" in errors
    if page.url_path == "procedure":
        assert not app.error, "a page whose data is fine keeps working"
    assert app.radio(key="lang").value == "en", "the settings row is drawn even when a page stops early"
    assert app.toggle(key="consult").value is False


def test_risks_at_a_glance_list_matches_the_cards_without_a_table():
    app = open_page("pages/risks.py")
    assert not app.get("table") and not app.get("arrow_data_frame")  # no table scripts for this page
    items = next(block.value.splitlines() for block in app.markdown if block.value.startswith("- **Any problem after"))
    risks = data.load_risks(DATA).frame
    assert len(items) == len(risks) - 2, "each study of devices taken out is one line with its two time spans"
    assert any(
        item.startswith("- **Infection**: About 2 to 3 out of 100 implants; the source gives no time span [")
        for item in items
    )
    assert items[-1].startswith("- **Bleeding near the spinal cord**: Fewer than 1 out of 100 people"), "rarest last"
    first, second = (shown(item) for item in items[:2])
    assert "30 to 40 out of 100" in first and "31 out of 100" in second, "the most frequent first"
    removed = [item for item in items if item.startswith("- **Device taken out")]
    assert [shown(item).split(" [")[0] for item in removed] == [
        "- Device taken out (study in Sweden): About 23 out of 100 people, within 5 years;"
        " about 38 out of 100 people, within 10 years",
        "- Device taken out (UK study): About 18 out of 100 people, within 5 years;"
        " about 25 out of 100 people, within 10 years",
    ]


def test_risk_cards_go_from_most_to_least_frequent_and_cite_only_numbers():
    app = open_page("pages/risks.py")
    names = [shown(expander.label) for expander in app.expander][1:]  # the first folds the sources
    assert names[0].startswith("Any problem after the implant:") and names[-1].startswith("Bleeding near the spinal")
    assert sum(name.startswith("Device taken out") for name in names) == 2
    nerve_damage = next(expander for expander in app.expander if expander.label.startswith("Nerve damage"))
    assert any("Source:" in caption.value for caption in nerve_damage.caption), "a number, so its source"
    assert any("Source:" in caption.value for caption in app.expander[1].caption)


def english_fragments() -> set[str]:
    """Runs of English words the app can show: content strings cut at placeholders, and the _en CSV text."""
    fragments = set()
    for template in text.strings("en").values():
        for piece in re.split(r"\{[^}]*\}|\*\*", template):
            piece = piece.strip(" .:,")
            if len(piece.split()) >= 3:
                fragments.add(piece)
    for loader in (data.load_outcomes, data.load_risks, data.load_procedure, data.load_sources, data.load_trials):
        frame = loader(DATA).frame
        for column in (name for name in frame.columns if name.endswith("_en")):
            fragments.update(value for value in frame[column] if len(str(value).split()) >= 3)
    return fragments


@pytest.mark.parametrize("page", app_pages(), ids=lambda page: page.url_path or "overview")
def test_every_page_in_spanish_has_no_english_left(page):
    app = open_page(page.file, lang="es")
    assert not app.exception
    shown_text = page_text(app)
    left = sorted(fragment for fragment in english_fragments() if fragment in shown_text)
    assert left == []
    spanish_title = text.t("es", f"{(page.url_path or 'overview').replace('-', '_')}.title")
    assert app.title[0].value == spanish_title


def test_spanish_numbers_use_spanish_forms():
    shown_text = page_text(open_page("pages/outcomes.py", lang="es"))
    assert "85 de cada 100 personas" in shown_text
    assert "unos 2,4 a 4 de 10" in shown_text
    assert "50\u00a0% a 70\u00a0%" in shown_text
    risks_text = page_text(open_page("pages/risks.py", lang="es"))
    assert "Aproximadamente entre 2 y 3 de cada 100 implantes" in risks_text
    assert "Aproximadamente entre 30 y 40 de cada 100 personas con un implante" in risks_text
    assert "a 52 de los 67 aparatos infectados (77,6 %), unos 3 de cada 4" in risks_text


def test_evidence_numbers_equal_their_csv_rows_and_name_their_sources():
    app = open_page("pages/evidence.py")
    shown_text = page_text(app)
    trials = data.load_trials(DATA).frame
    citations = data.load_sources(DATA).frame.set_index("source_id")["citation"]
    shares = trials[(trials["unit"] == "percent_of_patients") & (trials["study"] != "PROCESS")]
    for _, row in shares.iterrows():
        assert f"{text.whole(row['value_with'])} out of 100" in shown_text, row["trial_id"]
        if not pd.isna(row["value_without"]):
            assert f"{text.whole(row['value_without'])} out of 100" in shown_text, row["trial_id"]
        assert citations[row["source_id"]] in shown_text, row["trial_id"]
    assert "10.6 points with real stimulation and 9.3 points with placebo" in shown_text
    assert "13 trials with 699 people" in shown_text and "dispute" in shown_text
    assert "41 out of 100 trials with short-term wires led to a permanent device within 3 months" in shown_text
    assert "18 had it taken out within 5 years, and 25 within 10 years" in shown_text
    assert "In a study in Sweden, it was 23 within 5 years, and 38 within 10 years" in shown_text
    assert "They do not show how a stimulator compares with no stimulator" in shown_text


def test_evidence_process_time_spans_and_fact_box():
    app = open_page("pages/evidence.py")
    assert not app.get("table") and not app.get("arrow_data_frame")  # lists that stack on a phone
    fact_box = shown(next(block.value for block in app.markdown if shown(block.value).startswith("- Benefit:")))
    for with_scs, compared in (
        ("48", "usual medical care alone: 9"),
        ("34", "started on usual care (most had switched to SCS by 12 months): 7"),
        ("37", "started on usual care (most had switched to SCS): 2"),
    ):
        assert f"With SCS: {with_scs} out of 100; {compared} out of 100" in fact_box
    infection = (
        "Harm: Infection (the source gives no time span): With SCS: About 2 to 3 out of 100;"
        " without SCS: Not reported ["
    )
    assert infection in fact_box
    for trial_id, with_scs, without_scs in (("PROCESS-12m", 34, 7), ("PROCESS-24m", 37, 2)):
        app.radio(key="process_time").set_value(trial_id).run()
        alts = [chart.proto.alt for chart in app.get("vega_lite_chart")]
        assert any(f"{with_scs} filled dots" in alt for alt in alts)
        assert any(f"{without_scs} filled dots" in alt for alt in alts)


def test_unverified_trial_rows_are_never_shown(data_copy, monkeypatch):
    with open(data_copy / "trials.csv", "a", encoding="utf-8") as file:
        file.write(
            "EVOKE-12m,EVOKE,another_stimulator,g,g,w,w,o,o,Unverified outcome,Resultado,12 months,12 meses,"
            "91.7,66.6,percent_of_patients,,,,,no,mekhail-2024\n"
        )
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    shown_text = page_text(open_page("pages/evidence.py"))
    assert "EVOKE: Back and leg pain" in shown_text
    assert (
        "Unverified outcome" not in shown_text
        and "92 out of 100" not in shown_text
        and "67 out of 100" not in shown_text
    )


def test_for_me_reorders_topics_and_offers_fitting_questions():
    app = open_page("pages/for-me.py")
    links = [link.proto.label for link in app.get("page_link") if not link.proto.label.startswith("Next: ")]
    assert links[0] == "Overview" and links[-3:] == ["Sources", "What matters to you", "Wrap-up"]
    app.pills(key="my_priorities").set_value(["driving", "mri"]).run()
    links = [link.proto.label for link in app.get("page_link") if not link.proto.label.startswith("Next: ")]
    assert links[1] == "Procedure"
    questions = [box.label for box in app.checkbox]
    assert questions[:2] == [
        "When can I drive again after the trial and after the implant?",
        "Can I have MRI scans with this device? Which kinds?",
    ]
    assert not any(question.startswith("My pain today") for question in questions)  # the control is untouched
    app.slider(key="my_pain").set_value(7).run()
    questions = [box.label for box in app.checkbox]
    assert "My pain today is 7 out of 10. What result would make this worth it for me?" in questions
    app.checkbox(key="ask_q_mri").check().run()
    assert app.checkbox(key="ask_q_mri").value is True
    assert len(app.get("download_button")) == 2  # the handout and the trial week diary


def test_pain_entered_on_one_page_is_remembered_on_another_in_this_session():
    app = open_page("pages/for-me.py")
    app.slider(key="my_pain").set_value(6).run()
    # AppTest's switch_page run still sends the last page's widgets (see open_page); a browser does not.
    app.switch_page("pages/outcomes.py").run().run()
    assert "If your pain today is 6 out of 10" in page_text(app)


def open_consult(page_file: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["mode"] = "consult"
    app.run()
    if page_file != app_pages()[0].file:
        app.switch_page(page_file).run()
    return app


def test_consult_mode_has_no_settings_row_and_a_bar_with_back_progress_next():
    app = open_consult("pages/overview.py")
    assert not app.exception
    assert not app.sidebar.get("radio") and not app.get("toggle")
    assert [button.label for button in app.button] == ["Back", "Next", "Exit", "Back", "Next"]
    assert app.button(key="back_top").disabled is True and app.button(key="back_bottom").disabled is True
    assert app.get("progress")[0].proto.text == "Topic 1 of 10"
    assert app.selectbox[0].value == "" and app.selectbox[0].format_func("") == "Overview"  # the picker names it
    assert app.radio(key="lang").value == "en"


def test_consult_deep_link_opens_its_topic():
    app = open_consult("pages/risks.py")
    assert app.title[0].value == "Risks and problems"
    assert app.get("progress")[0].proto.text == "Topic 6 of 10"
    assert app.selectbox[0].format_func(app.selectbox[0].value) == "Risks"
    assert app.query_params["mode"] in ("consult", ["consult"])


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
    assert alts == expected
    legend = text.t(lang, "diagram.leads")
    assert sum(legend in element.value for element in app.markdown) == 2


def test_the_diary_carries_the_pain_only_when_the_patient_chose_it():
    app = open_page("pages/procedure.py")
    (button,) = [b for b in app.get("download_button") if b.proto.label == "Download a diary for your trial week"]
    assert button is not None
    untouched = export.diary_html(DATA, "en", None)
    assert "My usual pain before the trial: ____ out of 10" in untouched and "Half of that pain" not in untouched
    chosen = export.diary_html(DATA, "en", 8)
    assert "My usual pain before the trial: 8 out of 10" in chosen
    assert "Half of that pain would be about 4 out of 10." in chosen


@pytest.mark.parametrize("lang", ["en", "es"])
def test_trials_never_shout(lang):
    shown_text = page_text(open_page("pages/evidence.py", lang=lang))
    assert not re.search(r"\b[A-ZÁÉÍÓÚÑ]{3,} [A-ZÁÉÍÓÚÑ]{3,}\b", shown_text), "words in capitals"


def test_the_clinic_phone_is_a_number_a_phone_can_call(data_copy, monkeypatch):
    assert "[813\\-296\\-5939](tel:8132965939)" in "\n".join(m.value for m in open_page("pages/overview.py").markdown)
    replace_in(data_copy / "clinic.csv", "813-296-5939", "+1 (813) 296-5939 <b>)")
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    shown_markdown = "\n".join(m.value for m in open_page("pages/overview.py").markdown)
    assert "](tel:+18132965939)" in shown_markdown and "<b>" not in shown_markdown


def test_every_source_says_what_it_is_used_for_trials_included():
    shown_text = page_text(open_page("pages/sources.py"))
    assert text.t("en", "sources.used_for_nothing").replace("**", "") not in shown_text
    for trial in data.load_trials(DATA).frame.to_dict("records"):
        assert f"{trial['study']}, {trial['outcome_en']} ({trial['time_span_en']})" in shown_text


def test_north_2005_crossover_comes_before_its_source_line():
    app = open_page("pages/evidence.py")
    shown_in_order = [shown(value) for element in app.main if isinstance(value := getattr(element, "value", None), str)]
    crossover = next(i for i, value in enumerate(shown_in_order) if "Switched to the other treatment" in value)
    north_source = next(i for i, value in enumerate(shown_in_order) if "North RB" in value)
    assert crossover < north_source


@pytest.mark.parametrize(("lang", "written"), [("en", "November 24, 2026"), ("es", "24 de noviembre de 2026")])
def test_dates_are_written_the_readers_way(lang, written):
    assert written in page_text(open_page("pages/sources.py", lang=lang))
    assert "2026-11-24" not in page_text(open_page("pages/sources.py", lang=lang))
    assert written in export.handout_html(DATA, lang) and "2026-11-24" not in export.handout_html(DATA, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_internal_wording_reaches_a_reader(lang):
    shown_everywhere = [page_text(open_page(page.file, lang=lang)) for page in app_pages()]
    shown_everywhere += [export.handout_html(DATA, lang), *guide.guide_pages(DATA).values()]
    for shown_text in shown_everywhere:
        assert "evidence reference" not in shown_text and "the project" not in shown_text


@pytest.mark.parametrize(("lang", "process", "promise"), [
    ("en", "48 with SCS, 9 without, out of 100", "14 with SCS, 5 without, out of 100"),
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


def test_each_source_with_a_public_address_has_one_link_and_the_groups_fold():
    app = open_page("pages/sources.py")
    sources = data.load_sources(DATA).frame
    links = [link for block in app.markdown for link in re.findall(r"\[Open this source\]\(([^)]*)\)", block.value)]
    assert sorted(links) == sorted(link for link in sources["link"] if link)
    assert all(link.startswith("https://") for link in links) and len(links) >= 5
    labels = [shown(expander.label) for expander in app.expander]
    assert labels[0].startswith("Trials that compared groups of people (")
    assert sum(int(re.search(r"\((\d+)\)$", label).group(1)) for label in labels) == len(sources) - 1


def test_the_clinic_article_leaving_its_studies_unnamed_is_said_once_per_page():
    for page, words in (("pages/outcomes.py", "does not say which studies"), ("pages/overview.py", "does not name")):
        shown_text = page_text(open_page(page))
        assert shown_text.count(words) == 1, page
        assert shown_text.count("does not name") + shown_text.count("gives no more detail") <= 1, page


def test_the_icon_arrays_say_what_the_empty_rings_mean():
    alts_and_specs = " ".join(
        json.dumps(chart.proto.spec) for chart in open_page("pages/outcomes.py").get("vega_lite_chart")
    )
    assert "Did not get this result" in alts_and_specs and "Did not report" not in alts_and_specs
