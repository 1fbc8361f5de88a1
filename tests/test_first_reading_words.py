"""Issue 32, the reviewer's findings on words: numbers said with what they count, in whom and over what time;
each check answer's own feedback; instructions with their reasons; plain, natural Spanish. Every page a patient
takes home is read: the guide, the handout, the summary and the diary."""

import re

import pytest

from explainer import balance, data, decide, views
from explainer.key_points import key_points
from explainer.outputs import export
from explainer.text import t
from tests.conftest import DATA, replace_in
from tests.pages.reading import open_page, page_text
from tests.reading_level import page_lines, smog
from tests.test_guide import visible_text


def spanish_pages(data_dir=DATA) -> dict[str, str]:
    """Every Spanish page a patient can take home, as HTML (the charts' text alternatives included)."""
    pages = {name: page for name, page in export.site_files(data_dir).items() if name.startswith("es/")}
    pages["handout es"] = export.handout_html(data_dir, "es")
    pages["summary es"] = export.summary_html(data_dir, "es", None)
    pages["diary es"] = export.diary_html(data_dir, "es")
    return pages


@pytest.mark.parametrize("calque", ["aros", "proyecto de explicación", "al revés"])
def test_the_spanish_pages_use_natural_words_not_calques(calque):
    # whole words: "aros" (hoops) is a calque, "raros" (rare) is not
    found = [name for name, page in spanish_pages().items() if re.search(rf"\b{calque}\b", page)]
    assert found == []


def test_the_spanish_dot_grids_call_the_empty_dots_circulos_vacios():
    assert "círculos vacíos" in export.handout_html(DATA, "es")


def take_home_text(data_dir, lang: str) -> dict[str, str]:
    site = export.site_files(data_dir)
    return {
        "guide results": visible_text(site[f"{lang}/results.html"]),
        "handout": visible_text(export.handout_html(data_dir, lang)),
        "summary": visible_text(export.summary_html(data_dir, lang, None)),
    }


@pytest.mark.parametrize(
    ("lang", "apart"),
    [
        ("en", "come from two different studies, with different people: about 80 out of 100 in one and about 72"),
        ("es", "vienen de dos estudios distintos, con personas distintas: alrededor de 80 de cada 100 en uno y"),
    ],
)
def test_the_clinics_two_shares_are_said_to_come_from_different_studies_with_the_datas_figures(data_copy, lang, apart):
    replace_in(
        data_copy / "outcomes.csv", "relief-share-85,share_of_patients,85,85", "relief-share-85,share_of_patients,80,80"
    )
    pages = take_home_text(data_copy, lang)
    summary = pages.pop("summary")
    assert {name: apart in page for name, page in pages.items()} == dict.fromkeys(pages, True)
    short = {
        "en": "The 80 and the 72 out of 100 come from different studies: they cannot be added or compared.",
        "es": "El 80 y el 72 de cada 100 vienen de estudios distintos: no se pueden sumar ni comparar.",
    }[lang]
    assert short in summary


@pytest.mark.parametrize(
    ("lang", "apart"),
    [("en", "two different studies, with different people: about 85 out of 100 in one and about 72 out of 100"),
     ("es", "dos estudios distintos, con personas distintas: alrededor de 85 de cada 100 en uno y alrededor de 72")],
)  # fmt: skip
def test_the_app_says_the_clinics_two_shares_come_from_different_studies(lang, apart):
    assert apart in page_text(open_page("pages/outcomes.py", lang))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_each_answer_of_the_printed_check_says_its_own_sentence(lang):
    handout = visible_text(export.handout_html(DATA, lang))
    answers = handout[handout.index(t(lang, "decide.paper_answers")) :]
    check = decide.understanding_check(export.summary_tables(DATA), lang)
    feedback = [question.feedback for question in check]
    assert len(set(feedback)) == len(feedback) == 6
    assert all(line in answers for line in feedback)


@pytest.mark.parametrize(
    ("lang", "defined", "no_time"),
    [
        ("en", "Here a problem means any complication that the studies in the review reported", "does not say over"),
        ("es", "un problema es cualquier complicación que informaron los estudios", "no dice en cuánto tiempo"),
    ],
)
def test_any_problem_after_the_device_is_put_in_says_what_counts_and_that_no_time_span_is_given(lang, defined, no_time):
    """The guide's Risks page in its row's own words; the handout with what most problems were and its rate's
    "no time span" (its risk table gives each harm's meaning, not its counts)."""
    risks_page = visible_text(export.site_files(DATA)[f"{lang}/risks.html"])
    assert defined in risks_page and no_time in risks_page
    handout = visible_text(export.handout_html(DATA, lang))
    meaning = {
        "en": "Most were problems with the device or its wires",
        "es": "La mayoría fueron problemas con el aparato",
    }
    assert meaning[lang] in handout and t(lang, "evidence.fact_no_time") in handout


@pytest.mark.parametrize("file", ["options.html", "diary.html"])
def test_the_guides_options_and_diary_pages_read_at_smog_8_or_easier_above_their_sources(file):
    """Counted as the take-home pages are (every list item and cell a sentence), up to the page's source list."""
    page = export.site_files(DATA)[f"en/{file}"].partition('id="sources-here"')[0]
    grade = smog(page_lines(page))
    assert grade <= 8, f"SMOG {grade} on the guide's {file}"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_guides_diary_page_lists_its_sources_once_with_every_mark_in_the_list(lang):
    page = export.site_files(DATA)[f"{lang}/diary.html"]
    assert page.count(t(lang, "guide.sources_here")) == 1 and f"<h2>{t(lang, 'diary.sources')}</h2>" not in page
    body, _, listed = page.partition('id="sources-here"')
    marks = set(
        re.findall(r"\[(\d+)\]", re.sub(r"<[^>]+>", " ", re.sub(r"<(svg|style)\b.*?</\1>", "", body, flags=re.S)))
    )
    assert marks and marks == set(re.findall(r'<li value="(\d+)" id="source-\d+"', listed))
    # the diary on its own keeps its list: it prints on its own
    assert f"<h2>{t(lang, 'diary.sources')}</h2>" in export.diary_html(DATA, lang)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_diary_says_why_to_fill_it_in_and_why_to_bring_it(lang):
    intro = t(lang, "diary.intro")
    why = {
        "en": ("hard to recall how each day went", "so you both judge the trial by what you wrote"),
        "es": ("cuesta recordar cómo fue cada día", "para que juzguen la prueba por lo que usted anotó"),
    }[lang]
    for page in (export.diary_html(DATA, lang), export.site_files(DATA)[f"{lang}/diary.html"]):
        assert intro in visible_text(page) and all(reason in intro for reason in why)


@pytest.mark.parametrize(("lang", "limits"), [("en", "keep to the trial-week limits on lifting, bending and twisting"),
                                              ("es", "respete los límites de la semana de prueba")])  # fmt: skip
def test_what_to_do_in_the_trial_week_keeps_within_its_limits(lang, limits):
    for page in (
        visible_text(export.handout_html(DATA, lang)),
        visible_text(export.site_files(DATA)[f"{lang}/procedure.html"]),
    ):
        assert limits in page
        assert "normal daily tasks" not in page and "sus tareas de todos los días" not in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_urgent_signs_say_only_what_the_leaflet_rows_say(lang):
    leaflets = (DATA / "watch_for.csv").read_text(encoding="utf-8").lower()
    place = {"en": "emergency", "es": "emergencia"}[lang]
    assert place not in leaflets  # no leaflet row names an emergency room: the pages do not either
    pages = [
        export.handout_html(DATA, lang),
        export.diary_html(DATA, lang),
        export.site_files(DATA)[f"{lang}/procedure.html"],
    ]
    assert [place in visible_text(page).lower() for page in pages] == [False, False, False]


@pytest.mark.parametrize(
    ("lang", "trial_week", "explained"),
    [("en", "trial week", "short-term wires (the trial week)"), ("es", "semana de prueba", "cables temporales (la")],
)
def test_the_trial_week_is_explained_where_the_summary_and_the_guides_first_page_first_name_it(
    lang, trial_week, explained
):
    pages = (
        export.summary_html(DATA, lang, "https://clinic.example.org/guide/"),
        export.site_files(DATA)[f"{lang}/index.html"],
    )
    for page in pages:
        shown = visible_text(page)
        first = shown.index(trial_week)
        assert explained in shown[first - 40 : first + len(trial_week) + 1], shown[first - 80 : first + 40]


@pytest.mark.parametrize(
    ("lang", "may_not"),
    [("en", "A drop like this may not happen to you."), ("es", "Puede que a usted no le baje así.")],
)
def test_the_summary_says_what_the_clinics_drop_would_mean_for_todays_pain_before_it_says_it_may_not_happen(
    data_copy, lang, may_not
):
    replace_in(data_copy / "outcomes.csv", "pain_reduction,50,70,", "pain_reduction,40,70,")
    pain_reduction = next(
        row for row in data.load_outcomes(data_copy).frame.to_dict("records") if row["measure"] == "pain_reduction"
    )
    shown = visible_text(export.summary_html(data_copy, lang, pain_today=6)).replace("\xa0", " ")
    drop = views.pain_today_sentence(6, pain_reduction, lang).replace("\xa0", " ")
    assert "40" in drop and drop in shown
    assert shown.index(drop) < shown.index(may_not)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_guides_first_page_does_not_say_a_key_points_doubt_again_under_why_not_certain(lang):
    rows = export.summary_tables(DATA)
    said = {line.source_id for line in key_points(rows, lang) if line.source_id}
    doubts = balance.balance(rows["trials"], rows["risks"], rows["sources"], lang).uncertainty
    again = [line.text for line in doubts if line.source_id in said]
    kept = [line.text for line in doubts if line.source_id not in said]
    shown = visible_text(export.site_files(DATA)[f"{lang}/index.html"])
    assert again and kept  # the placebo trial is a key point and a doubt; the other doubts stay
    assert [shown.count(text) for text in again] == [1] * len(again)  # once, in the key points
    assert all(text in shown for text in kept)


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_summary_names_todays_pain_once(lang):
    """'Your pain today: 7 out of 10.' came right before 'If your pain today is 7 out of 10, …': said once."""
    said = visible_text(export.summary_html(DATA, lang, None, 7))
    score = views.pain_score(7, lang)
    assert said.count(score) == 1  # in the sentence that says what the clinic's drop would leave of it
    assert t(lang, "handout.your_pain", pain=score) not in said
