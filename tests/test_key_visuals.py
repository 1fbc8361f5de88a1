"""Issue 32, the rescore: the take-home pages show their harms as grids of 100 people, in the same form as the
benefits' grids, each with its text alternative and its source, the figures read from the data."""

import html
import re

import pytest

from explainer import data, topics, views, wrapup
from explainer.diagram import next_steps_diagram
from explainer.outputs import export, guide
from explainer.text import mid_sentence, t
from tests.conftest import DATA, replace_in
from tests.test_guide import visible_text

HARM_GRIDS = topics.OVERVIEW.ids("risks", "harm_grids")


def take_home_pages(folder, lang: str) -> dict[str, str]:
    return {"handout": export.handout_html(folder, lang), "summary": export.summary_html(folder, lang)}


def harm_figures(page: str) -> list[str]:
    return re.findall(r'<figure class="grid100 harm">.*?</figure>', page, re.S)


# What each take-home page draws as grids of 100: every harm it gives a number for, so that no harm's number stands
# without a picture (CDC Clear Communication Index item 20); the handout's rarer ones are in its table, in words.
ALL_DRAWABLE = ("any-complication", "repeat-surgery", "device-removed-se-5y", "device-removed-5y", "battery-site-pain",
                "lead-migration", "lead-break", "infection", "nerve-damage")  # fmt: skip
DRAWN = {"handout": ALL_DRAWABLE, "summary": topics.WRAP_UP.ids("risks", "note")}


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_handout_and_the_summary_draw_every_harm_they_give_a_number_for_as_a_grid_of_100(lang):
    harms = {harm["risk_id"]: harm for harm in views.by_how_often(data.load_risks(DATA).frame.to_dict("records"))}
    for name, page in take_home_pages(DATA, lang).items():
        figures = harm_figures(page)
        assert len(figures) == len(DRAWN[name]), name
        for figure, risk_id in zip(figures, DRAWN[name], strict=True):
            harm = harms[risk_id]
            assert f'role="img" aria-label="{views.risk_view(harm, lang).alt_text}"' in figure, (name, risk_id)
            words = visible_text(figure)
            assert harm[f"name_{lang}"] in words, (name, risk_id)
            # with its longer time span, if any, mid-sentence after the harm's name
            assert f"{harm[f'name_{lang}']}: {mid_sentence(views.risk_rate(harm, lang))}" in words, (name, risk_id)
            assert harm[f"what_it_means_{lang}"] in words, (name, risk_id)  # how serious it is, from its row
            assert re.search(r"\[\d+\]", words), f"{name}: {risk_id}'s grid names no source"


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_handouts_table_lists_only_the_harms_too_rare_for_a_grid_and_says_why(lang):
    page = export.handout_html(DATA, lang)
    table = re.search(r'<table class="risks">.*?</table>', page, re.S).group(0)
    names = [visible_text(cell).strip() for cell in re.findall(r'<th scope="row">.*?</th>', table, re.S)]
    risks = {row["risk_id"]: row for row in data.load_risks(DATA).frame.to_dict("records")}
    assert names == [risks[risk_id][f"name_{lang}"] for risk_id in ("spinal-fluid-leak", "bleeding")]
    before_table = visible_text(page.split('<table class="risks">')[0])
    assert t(lang, "handout.rare_heading") in before_table and t(lang, "handout.rare_intro") in before_table
    for figure in harm_figures(page):  # none of the rarer harms is drawn as well
        assert not any(name in visible_text(figure) for name in names)


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_a_changed_harm_figure_in_the_data_changes_its_grid(data_copy, lang):
    repair = "repeat-surgery,Another surgery to fix the device,Otra cirugía para arreglar el aparato,"
    replace_in(data_copy / "risks.csv", f"{repair}31,31,", f"{repair}27,27,")
    new, old = {"en": ("27 out of 100", "31 out of 100"), "es": ("27 de cada 100", "31 de cada 100")}[lang]
    for name, page in take_home_pages(data_copy, lang).items():
        repair_grid = harm_figures(page)[DRAWN[name].index("repeat-surgery")]
        label = re.search(r'aria-label="([^"]*)"', repair_grid).group(1)
        assert new in label and old not in label, name
        assert new in visible_text(repair_grid) and old not in visible_text(repair_grid), name
        filled_dots = re.findall(r'<use [^>]*fill="#0B5394"', repair_grid)  # the grid's "had this problem" dots
        assert len(filled_dots) == 27, name


def guide_first_page(folder, lang: str) -> str:
    return export.site_files(folder)[f"{lang}/index.html"]


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_guides_first_page_opens_with_its_main_message_then_the_key_points_once(lang):
    """The reviewer's CDC items 1-3 and PEMAT item 2: one main message, at the top, emphasized; the same key points
    box twice on one page distracts, so the page closes with a one-line reminder instead, as the handout does."""
    page = guide_first_page(DATA, lang)
    main = re.search(r"<main[^>]*>(.*)</main>", page, re.S).group(1)
    message = t(lang, "handout.main_message")
    first_paragraph = re.search(r"</h1>\s*(<p[^>]*>.*?</p>)", main, re.S).group(1)
    assert 'class="main-message"' in first_paragraph and f"<strong>{message}</strong>" in first_paragraph
    assert main.count('class="box key-points"') == 1
    words = visible_text(main)
    assert words.index(message) < words.index(t(lang, "key_points.heading"))
    reminder = f"{t(lang, 'handout.reminder_label')} {message} {t(lang, 'handout.reminder_next')}"
    assert words.count(message) == 2 and words.rindex(reminder) > len(words) * 3 // 4


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_guides_first_page_shows_the_trial_with_and_without_as_grids_before_the_clinics_figures(lang):
    page = guide_first_page(DATA, lang)
    trial = data.load_trials(DATA).frame.set_index("trial_id").loc["PROCESS-6m"]
    words = visible_text(page)
    for side in ("with", "without"):
        assert f'role="img" aria-label="{views.trial_side_view(trial, lang, side).alt_text}"' in page
        title = f"{trial[f'{side}_{lang}']}: {views.share(trial[f'value_{side}'], lang)}"
        assert words.index(title) < words.index(t(lang, "overview.headline_heading")), title
    pictured = re.search(r'<section class="main-picture".*?</section>', page, re.S).group(0)
    assert pictured.count('<figure class="grid100">') == 2 and len(re.findall(r'class="mark"', pictured)) == 2


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_a_changed_trial_figure_in_the_data_changes_the_guides_grids(data_copy, lang):
    replace_in(data_copy / "trials.csv", ",6 months,6 meses,48,9,", ",6 months,6 meses,51,8,")
    pictured = re.search(r'<section class="main-picture".*?</section>', guide_first_page(data_copy, lang), re.S)
    with_grid, without_grid = re.findall(r'<figure class="grid100">.*?</figure>', pictured.group(0), re.S)
    assert len(re.findall(r'<use [^>]*fill="#0B5394"', with_grid)) == 51
    assert len(re.findall(r'<use [^>]*fill="#0B5394"', without_grid)) == 8
    assert "51" in visible_text(with_grid) and "48" not in visible_text(with_grid)


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_each_fact_box_cell_gives_each_note_its_own_line(lang):
    """PEMAT item 19 (simple tables): a row's heading is what happened, then its time span and source on a line of
    their own; a comparison and each note under it are lines of their own, not run together."""
    site = export.site_files(DATA)
    for name, page in (("handout", export.handout_html(DATA, lang)), ("trials", site[f"{lang}/trials.html"])):
        # the handout's two tables, benefits then harms; the Trials page's one
        table = "".join(re.findall(r'<table class="fact-box[^"]*">.*?</table>', page, re.S))
        rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", table, re.S)
        assert rows and "<br>" not in table, name
        for row in rows:
            heading = re.search(r"<th scope=\"row\">(.*?)</th>", row, re.S).group(1)
            lines = re.findall(r'<span class="fact-line[^"]*">(.*?)</span>\s*(?=<span|$)', heading.strip(), re.S)
            assert len(lines) == 2 and lines[1].lstrip().startswith("("), (name, heading)
            assert 'class="mark"' in lines[1] or re.search(r"\[\d+\]", lines[1]), (name, heading)
        if name == "handout":
            noted = [row for row in rows if row.count('class="fact-line small"') >= 2]
            assert noted, "no row of the handout's fact box carries its notes as lines of their own"


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_summary_draws_what_to_do_next_and_gives_the_guides_and_the_diarys_address(lang):
    """PEMAT item 26 (a visual aid to help act) and the diary within reach on paper: the summary told the patient to
    keep a diary it did not say where to find."""
    guide = f"https://clinic.example.org/guide/{lang}/index.html"
    page = export.summary_html(DATA, lang, guide)
    key_points_box = re.search(r'<section class="box key-points".*?</section>', page, re.S).group(0)
    assert f'role="img" aria-label="{next_steps_diagram(lang).alt_text}"' in key_points_box
    phone_box = visible_text(re.search(r'<div class="phone">.*?</div>\s*</div>', page, re.S).group(0))
    assert guide in phone_box and f"https://clinic.example.org/guide/{lang}/diary.html" in phone_box
    assert "diary.html" not in export.summary_html(DATA, lang, f"https://clinic.example.org/?lang={lang}")


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_guides_key_points_draw_what_to_do_next_with_words_under_each_step(lang):
    """PEMAT item 26 on the guide (the reviewer's fix 9): the summary's three steps, drawn in the guide's key points
    box with their text alternative, each panel's number with its few words (on the summary's drawing too)."""
    drawing = next_steps_diagram(lang)
    for name, page in (("guide", guide_first_page(DATA, lang)), ("summary", export.summary_html(DATA, lang))):
        key_points_box = re.search(r'<section class="box key-points".*?</section>', page, re.S).group(0)
        assert f'role="img" aria-label="{drawing.alt_text}"' in key_points_box, name
        svg = re.search(r"<svg.*?</svg>", key_points_box, re.S).group(0)
        words = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
        for number, step in enumerate(("questions", "talk", "diary"), 1):
            assert f"{number} {t(lang, f'next_steps.label_{step}')}" in words, (name, words)


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_guides_first_page_draws_the_main_harms_as_grids_with_the_harms(data_copy, lang):
    """The reviewer's fix 5 (CDC 20, PEMAT 15): the guide's first page draws its four harms (the balance's and
    another operation on the device), each with its text alternative, its figure and its source, under the harms'
    heading, and lists none of them again in words."""
    replace_in(
        data_copy / "risks.csv",
        "Otra cirugía para arreglar el aparato,31,31,",
        "Otra cirugía para arreglar el aparato,27,27,",
    )
    harms = {harm["risk_id"]: harm for harm in views.by_how_often(data.load_risks(data_copy).frame.to_dict("records"))}
    page = guide_first_page(data_copy, lang)
    balance = re.search(r'<section class="balance".*?</section>', page, re.S).group(0)
    harms_part = balance.split(f">{t(lang, 'balance.harms_heading')}</h3>")[1].split(
        t(lang, "balance.uncertain_heading")
    )[0]
    figures = harm_figures(harms_part)
    assert len(figures) == len(HARM_GRIDS) == 4
    for figure, risk_id in zip(figures, HARM_GRIDS, strict=True):
        harm = harms[risk_id]
        assert f'role="img" aria-label="{views.risk_view(harm, lang).alt_text}"' in figure, risk_id
        words = visible_text(figure)
        assert f"{harm[f'name_{lang}']}: {mid_sentence(views.risk_rate(harm, lang))}" in words
        assert re.search(r"\[\d+\]", words), f"{risk_id}'s grid names no source"
    repair_grid = figures[HARM_GRIDS.index("repeat-surgery")]
    assert len(re.findall(r'<use [^>]*fill="#0B5394"', repair_grid)) == 27
    assert "<ul>" not in harms_part  # every harm is drawn: none is a line of words as well


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_guides_first_page_gives_the_leg_pain_trial_once_with_its_grids(lang):
    """The reviewer's fix 8 (PEMAT 2): the balance's "a study result, with and without" repeated the grids of the
    same trial near the top of the page; the page gives that trial in its key points and its grids, not a third time."""
    page = guide_first_page(DATA, lang)
    words = visible_text(re.search(r"<main[^>]*>(.*)</main>", page, re.S).group(1))
    assert t(lang, "balance.trial_heading") not in words
    balance = visible_text(re.search(r'<section class="balance".*?</section>', page, re.S).group(0))
    assert t(lang, "balance.heading_pictured") in balance and t(lang, "balance.harms_heading") in balance
    trial = data.load_trials(DATA).frame.set_index("trial_id").loc["PROCESS-6m"]
    assert trial[f"outcome_{lang}"] not in balance


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_summary_says_its_grids_legends_in_words_at_its_own_type_size(lang):
    """On paper the summary's grids are 1.5 cm wide, which shrank their drawn legends to about 3 pt: the drawings
    leave the legend out and the page says it in words under them, one entry for each kind of dot."""
    page = export.summary_html(DATA, lang)
    drawings = re.findall(r"<svg.*?</svg>", page, re.S)
    labels = (t(lang, "evidence.grid_had"), t(lang, "evidence.grid_did_not"), t(lang, "risks.had"))
    for label in labels:
        assert not any(label in drawing for drawing in drawings), label  # no legend drawn inside a grid
    keys = [visible_text(key).strip() for key in re.findall(r'<p class="small key">.*?</p>', page, re.S)]
    # the benefits' line above their grids says what a filled dot is; the harms' key says what a dot counts
    # (a person, or a device put in for the infections) and each kind of dot
    assert t(lang, "handout.summary_grids_how") in visible_text(page)
    dots = t(lang, "handout.summary_harm_dots")
    # a harm with a spread between studies (any problem: 30 to 40) adds its soft dots; a device taken out within
    # 5 and within 10 years its filled dots for the first span and its squares for the later one; each kind once
    removed = data.load_risks(DATA).frame.set_index("risk_id").loc[["device-removed-5y", "device-removed-10y"]]
    spans = removed[f"time_span_{lang}"]
    first, later = t(lang, "risks.had_within", span=spans.iloc[0]), t(lang, "risks.had_later", span=spans.iloc[1])
    assert keys == [
        f"{dots} ● {t(lang, 'risks.had')} / {first} · ◆ {t(lang, 'risks.maybe')} · ■ {later}"
        f" · ○ {t(lang, 'risks.did_not')}"
    ]
    assert t(lang, "evidence.grid_had") in export.handout_html(DATA, lang)  # the handout's larger grids keep theirs


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_summarys_doubts_have_their_own_heading_and_one_bullet_each(lang):
    page = export.summary_html(DATA, lang)
    heading = f'<p class="uncertain"><strong>{t(lang, "balance.uncertain_heading")}</strong></p>'
    assert heading in page
    doubts = re.search(r'<ul class="uncertain">(.*?)</ul>', page, re.S).group(1)
    assert doubts.count("<li>") >= 2
    # "made for you on this device" is a footer line, after the reminder, not in the opening lines
    made_for_you = page.index(t(lang, "handout.made_for_you"))
    assert made_for_you > page.index('class="box reminder"')


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_handouts_questions_and_contents_come_in_groups_of_seven_or_fewer(lang):
    """A list of 12 questions and a contents of 16 links were too long to take in: each comes in named groups of
    at most 7, every question once, and the contents number their sections on across the groups."""
    page = export.handout_html(DATA, lang, pain_today=7, questions=[t(lang, "questions.q_driving")])
    checklist = page[page.index('id="checklist"') : page.index("</section>", page.index('id="checklist"'))]
    groups = re.findall(r'<h3>(.*?)</h3>\s*<ul class="checklist all-questions">(.*?)</ul>', checklist, re.S)
    assert len(groups) >= 2 and all(1 <= group.count("<li>") <= 7 for _, group in groups)
    asked = [visible_text(item).strip() for _, group in groups for item in re.findall(r"<li>.*?</li>", group, re.S)]
    assert sorted(asked) == sorted(guide.all_questions(lang))  # every question the app can suggest, once
    nav = re.search(r'<nav class="contents".*?</nav>', page, re.S).group(0)
    parts = re.findall(r'<h3>(.*?)</h3><ol start="(\d+)">(.*?)</ol>', nav, re.S)
    assert len(parts) == 3 and all(part.count("<li>") <= 7 for _, _, part in parts)
    starts = [int(start) for _, start, _ in parts]
    assert starts == [1, 1 + parts[0][2].count("<li>"), starts[1] + parts[1][2].count("<li>")]
    sections = re.findall(r"<h2[^>]*>(.*?)</h2>", page[page.index("</nav>") :], re.S)
    assert sum(part.count("<li>") for _, _, part in parts) == len(sections)  # every section listed, once
    assert "<!-- part:" not in page


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_handouts_fact_box_is_two_short_tables_benefits_then_harms(lang):
    """The ninth rescore's PEMAT-P item 19: ten rows of benefits and harms in one table, with "Benefit:" and
    "Harm:" before each label and "No number given" in five cells, were not a simple table. The benefits keep their
    comparison column; the harms, counted only in people with a device, say so once above their own table."""
    page = export.handout_html(DATA, lang)
    benefits = re.search(r'<table class="fact-box">.*?</table>', page, re.S).group(0)
    harms = re.search(r'<table class="fact-box harms">.*?</table>', page, re.S).group(0)
    assert len(re.findall(r'<th scope="row">', benefits)) == len(topics.HANDOUT_TRIALS)
    assert len(re.findall(r'<th scope="row">', harms)) == len(topics.EVIDENCE.ids("risks", "fact_box"))
    assert len(re.findall(r'<th scope="col">', harms)) == 2  # no comparison column
    words = visible_text(benefits) + visible_text(harms)
    for label in ("evidence.fact_benefit", "evidence.fact_harm"):
        assert t(lang, label, outcome="", name="").strip(" :") not in words
    assert t(lang, "evidence.fact_not_reported") not in words
    between = visible_text(page.split('<table class="fact-box harms">')[0].rsplit("</table>", 1)[1])
    assert t(lang, "handout.fact_harms") in between and t(lang, "handout.fact_harms_text") in between


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_guides_first_page_and_the_summary_say_where_the_diary_is_and_what_the_clinics_figures_leave_out(lang):
    """The ninth rescore's CDC Index items 14 and 16 and PEMAT-P item 23: both pages told the reader to fill in a
    diary without saying where it is or what to write; the clinic's figures came without what the article leaves
    out; the guide's first page had no tool of its own. It now has the summary's three questions to tick."""
    first_page = guide_first_page(DATA, lang)
    phone = "https://clinic.example.org/guide/en/index.html"
    for name, page in (("guide", first_page), ("summary", export.summary_html(DATA, lang)),
                       ("summary with the phone box", export.summary_html(DATA, lang, phone))):  # fmt: skip
        words = visible_text(page)
        assert t(lang, "diary.each_day") in words, name
        assert t(lang, "overview.headline_intro") in words, name
    assert t(lang, "wrap_up.diary_where") in visible_text(export.summary_html(DATA, lang))
    with_phone_box = export.summary_html(DATA, lang, phone)  # the box at the end gives the diary's address instead
    assert t(lang, "wrap_up.diary_where") not in visible_text(with_phone_box)
    assert t(lang, "wrap_up.qr_diary", address=wrapup.diary_address(phone)) in visible_text(with_phone_box)
    ask = re.search(r'<section class="tool" aria-labelledby="ask">.*?</section>', first_page, re.S).group(0)
    boxes = re.findall(r'<input type="checkbox" id="(ask-\d)"><label for="\1">(.*?)</label>', ask)
    assert [question for _, question in boxes] == [html.escape(q, quote=True) for q in wrapup.summary_questions(lang)]
    assert '<a href="diary.html">' in ask
    # the clinic's figures come right after the trial's grids, and the two shares say they cannot be compared
    clinic = first_page.index(f">{t(lang, 'overview.headline_heading')}</h2>")
    assert first_page.index('class="main-picture"') < clinic < first_page.index(t(lang, "overview.who_heading"))
    shares = [row for row in data.load_outcomes(DATA).frame.to_dict("records") if row["measure"] == "share_of_patients"]
    assert html.escape(views.shares_apart(shares, lang), quote=True) in first_page
