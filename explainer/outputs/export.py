"""The take-home pages: the handout, the consult's summary and the static site (the guide, the handouts and the
page that picks a language). Each is one HTML file with inline SVG charts, no script, no outside resource."""

from __future__ import annotations

import dataclasses
import datetime
import json
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

import markupsafe

from explainer import about, balance, decide, safety, text, topics, views, wrapup
from explainer.data import LANGUAGES
from explainer.diagram import STAGES, implant_diagram, limits_diagram, next_steps_diagram
from explainer.evidence import FactRow, benefit_fact, harm_fact
from explainer.key_points import LEG_PAIN_TRIAL, key_points
from explainer.outputs import guide
from explainer.outputs.diary import diary_context, diary_html
from explainer.outputs.grids import drawable, harm_grids, key_in_words, leg_pain_grids
from explainer.outputs.render import (
    ENVIRONMENT,
    PHONE_CHART_WIDTH,
    DataFolder,
    DataProblems,
    NumberedInReadingOrder,
    checked,
    clinic,
    svg_figure,
    tables,
    whole_folder,
    with_contents,
)
from explainer.source_list import kinds_of_study
from explainer.text import t

# The diary is one of the take-home pages: the command line and the app find it here too.
__all__ = ["DataProblems", "diary_html", "handout_html", "site_files", "summary_html", "write_site"]

HANDOUT_BUDGET_BYTES = 300_000
HANDOUT_OPTIONS_IN_THE_FACT_BOX = ("relief_leg", "relief_back")
# What the diary's sheet (diary_sheet.html.j2) needs from diary_context, for the copy in the handout.
DIARY_SHEET = ("usual_pain", "usual_pain_text", "half_text", "blank_pain", "decision", "halves")


@dataclasses.dataclass(frozen=True)
class StudyNotes:
    """Under the handout's fact box, for the rows of one group of people: who they were, and each row's note once
    with the sources that give it. The cells keep only a number and its comparison (PEMAT-P item 19)."""

    who: str  # the trial's group, as trials.csv names it
    source_ids: tuple[str, ...]  # the rows' sources, marked after the group when it has no note
    notes: tuple[tuple[str, tuple[str, ...]], ...]  # a note, and the sources of every row that gives it


def fact_box_notes(trials: list[dict], lang: str, said_elsewhere: Iterable[str] = ()) -> list[StudyNotes]:
    """The fact box's trial rows, in their order, as one line per group of people; a note that another note of
    the group already says word for word is left out, and so is the note of a row in said_elsewhere (the
    options on the same page give it)."""
    said_elsewhere = set(said_elsewhere)
    groups: dict[str, tuple[dict[str, None], dict[str, dict[str, None]]]] = {}
    for row in trials:
        source_ids, notes = groups.setdefault(row[f"group_{lang}"], ({}, {}))
        source_ids[row["source_id"]] = None
        if row[f"note_{lang}"] and row["trial_id"] not in said_elsewhere:
            notes.setdefault(row[f"note_{lang}"], {})[row["source_id"]] = None
    return [
        StudyNotes(
            who,
            tuple(source_ids),
            tuple(
                (note, tuple(ids))
                for note, ids in notes.items()
                if not any(note != other and note in other for other in notes)
            ),
        )
        for who, (source_ids, notes) in groups.items()
    ]


def handout_benefit_fact(trial: dict, lang: str) -> FactRow:
    """A benefit's line in the handout's table of benefits, its row label short: the result, without "Benefit:"."""
    return dataclasses.replace(benefit_fact(trial, lang), what=text.escape_markdown(trial[f"outcome_{lang}"]))


def handout_harm_fact(risk: dict, study_kind: str, lang: str) -> FactRow:
    """A harm's line in the handout's table of harms, its row label short (the harm, without "Harm:", and its time
    span): the kind of study that counted it goes in the row's small print."""
    kind = balance.from_kind(study_kind, lang)
    return dataclasses.replace(
        harm_fact(risk, study_kind, lang),
        what=text.escape_markdown(risk[f"name_{lang}"]),
        study=None,
        note=text.escape_markdown(kind),
    )


def handout_html(
    folder: DataFolder,
    lang: str,
    pain_today: int | None = None,
    questions: list[str] | tuple[str, ...] = (),
    today: datetime.date | None = None,
) -> str:
    """The handout in one language; pain_today and questions come from the app only, never stored."""
    folder = checked(folder)
    names = ("outcomes", "procedure", "risks", "sources", "trials", "options", "watch_for")
    loaded = tables(folder, names)
    outcomes, steps, risks, sources, trials, options, watch_rows = (loaded[name].frame for name in names)
    trial_list, risk_list, source_list = (frame.to_dict("records") for frame in (trials, risks, sources))
    kind_of = kinds_of_study(source_list, lang)
    trial_rows = {row["trial_id"]: row for row in trials.to_dict("records")}
    risk_rows = {row["risk_id"]: row for row in risks.to_dict("records")}

    figures, quality_of_life = [], []
    for _, figure in outcomes.iterrows():
        if figure["measure"] == "quality_of_life":  # no scale is given: said in words, without its number or bar
            quality_of_life.append(figure)
            continue
        if figure["measure"] == "share_of_patients":
            view, heading, width = views.share_view(figure, lang), views.share_title(figure, lang), None
        else:
            view, heading, width = views.amount_view(figure, lang), figure[f"result_{lang}"], PHONE_CHART_WIDTH
        figures.append({"heading": heading, "svg": svg_figure(view, width), "alt": view.alt_text, "row": figure})

    pain = None
    pain_reduction = outcomes[outcomes["measure"] == "pain_reduction"]
    if pain_today and len(pain_reduction):
        figure = pain_reduction.iloc[0]
        view = views.pain_today_view(figure, lang, pain_today)
        pain = {
            "score": views.pain_score(pain_today, lang),
            "sentence": views.pain_today_sentence(pain_today, figure, lang),
            "chance": balance.pain_chance(trial_list, lang),
            "svg": svg_figure(view, PHONE_CHART_WIDTH),
        }

    source_numbers = NumberedInReadingOrder({source["source_id"]: source for _, source in sources.iterrows()})
    the_clinic = clinic(folder)
    diary = diary_context(folder, lang, today=today)  # its pain box and table; the marks are the handout's
    points = key_points({"trials": trial_list, "risks": risk_list}, lang)
    said = {line.source_id for line in points if line.source_id}
    balanced = balance.balance(trial_list, risk_list, source_list, lang)
    page = ENVIRONMENT.get_template("handout.html.j2").render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        html=guide.markdown_html,
        clinic=the_clinic,
        key_points=points,
        balance=balanced,
        # What the key points already say (the placebo trial) is not said again under the fact box.
        uncertainty=[line for line in balanced.uncertainty if line.source_id not in said],
        watch_groups=safety.watch_for(watch_rows.to_dict("records"), lang),
        reviewed=about.about(source_list, the_clinic, lang, today or datetime.date.today()),
        decide_paper=decide.paper_context({"trials": trial_list, "risks": risk_list}, lang),
        figures=figures,
        quality_of_life=quality_of_life,
        grids=leg_pain_grids(trial_list, lang),
        # every harm a grid of 100 can show is drawn; the table lists the rarer ones in words
        harm_grids=harm_grids(risk_list, source_list, lang, risk_ids=drawable(risk_list)),
        pain=pain,
        questions=list(questions),
        question_groups=guide.question_groups(lang),
        steps=[step for _, step in steps.iterrows()],
        # each harm's rate, and what it means with the kind of study that counted it (its counts stay on Sources)
        risks=[
            (
                risk,
                views.risk_rate(risk, lang) or t(lang, "risks.no_number"),
                balance.harm_about(risk, kind_of[risk["source_id"]], lang),
            )
            for risk in views.by_how_often(risk_list)
            if not views.has_grid(risk)
        ],
        # The benefits-and-harms fact box as two short tables (PEMAT-P item 19): the Trials page's benefits, then
        # SCS against another operation; then the harms, which have no number to compare with.
        fact_benefits=[handout_benefit_fact(trial_rows[trial_id], lang) for trial_id in topics.HANDOUT_TRIALS],
        fact_harms=[
            handout_harm_fact(risk_rows[risk_id], kind_of[risk_rows[risk_id]["source_id"]], lang)
            for risk_id in topics.EVIDENCE.ids("risks", "fact_box")
        ],
        # a row's note the options already give ("Keep your current care" says who switched) is said once
        fact_box_notes=fact_box_notes(
            [trial_rows[trial_id] for trial_id in topics.HANDOUT_TRIALS],
            lang,
            said_elsewhere=options.loc[
                (options["side"] == "note") & ~options["question"].isin(HANDOUT_OPTIONS_IN_THE_FACT_BOX), "trial_id"
            ],
        ),
        sources=source_numbers.listed(),
        source_numbers=source_numbers,
        diagrams=[implant_diagram(stage, lang) for stage in STAGES],
        limits=limits_diagram(lang),
        # The pain relief questions repeat the fact box row for row: the handout points to it instead.
        options={
            question: cells
            for question, cells in views.option_grid(
                options.to_dict("records"), trials.to_dict("records"), risks.to_dict("records"), lang
            ).items()
            if question not in HANDOUT_OPTIONS_IN_THE_FACT_BOX
        },
        option_notes=views.OPTION_NOTES,
        mark=lambda source_id: f"[{source_numbers[source_id]}]",
        share=lambda value: views.share(value, lang),
        **{name: diary[name] for name in DIARY_SHEET},
        # The diary's copy: the chance of a drop by half is in the key points and beside the pain score.
        pain_chance=(),
        percent_range=lambda low, high: text.percent_range(low, high, lang),
        pain_of_10=lambda figure: views.pain_drop_example(figure, lang),  # the clinic's range in plain words
    )
    return with_contents(page, t(lang, "handout.contents"))


def summary_tables(folder: DataFolder) -> dict[str, list[dict]]:
    """The validated tables the wrap-up and the summary read, as plain rows; DataProblems when any is broken."""
    names = ("outcomes", "trials", "risks", "sources")
    return {name: loaded.frame.to_dict("records") for name, loaded in tables(checked(folder), names).items()}


def pain_drop(outcomes: list[dict], pain_today: int | None, lang: str) -> dict | None:
    """What the clinic's drop in pain would mean for this patient's score, and its source: said before the
    summary says the drop may not happen."""
    pain_reduction = [figure for figure in outcomes if figure["measure"] == "pain_reduction"]
    if pain_today is None or not pain_reduction:
        return None
    figure = pain_reduction[0]
    return {"text": views.pain_today_sentence(pain_today, figure, lang), "source_id": figure["source_id"]}


def summary_html(
    folder: DataFolder,
    lang: str,
    phone_address: str | None = None,
    pain_today: int | None = None,
    questions: list[str] | tuple[str, ...] = (),
    today: datetime.date | None = None,
    decision: list[str] | tuple[str, ...] = (),
) -> str:
    """The one-page take-home summary of a consult; what the patient entered comes from the app only."""
    folder = checked(folder)
    table_rows = summary_tables(folder)
    balanced = balance.balance(table_rows["trials"], table_rows["risks"], table_rows["sources"], lang)
    chance = () if pain_today is None else balance.pain_chance(table_rows["trials"], lang, short=True)
    numbers = NumberedInReadingOrder({source["source_id"]: source for source in table_rows["sources"]})
    rows = wrapup.summary_rows(table_rows, lang)
    points = key_points(table_rows, lang)
    said = {line.source_id for line in points if line.source_id}
    leg_pain = next(trial for trial in rows["trials"] if trial["trial_id"] == LEG_PAIN_TRIAL)
    rows["trials"] = [trial for trial in rows["trials"] if trial["trial_id"] != LEG_PAIN_TRIAL]
    # every harm the note lists is drawn as a grid, its figure and source in the grid's words; one too rare for a
    # grid of 100 is a line of words
    kind_of = kinds_of_study(table_rows["sources"], lang)
    harm_ids = topics.WRAP_UP.ids("risks", "note")
    harm_lines = [
        balance.harm_line(harm, kind_of[harm["source_id"]], lang)
        for harm, _ in rows.pop("harms")
        if not views.has_grid(harm)
    ]
    the_clinic = clinic(folder)
    return ENVIRONMENT.get_template("summary.html.j2").render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        clinic=the_clinic,
        key_points=points,
        leg_pain=leg_pain,
        # One page: what the key points already say (the leg pain trial, the placebo trial) is not said twice.
        uncertainty=[line for line in balanced.uncertainty if line.source_id not in said],
        # printed small: the grids' legends go in words under them, at the page's own type size
        grids=leg_pain_grids(table_rows["trials"], lang, legend=False),
        harm_grids=harm_grids(table_rows["risks"], table_rows["sources"], lang, legend=False, risk_ids=harm_ids),
        key_in_words=key_in_words,
        three_questions=[question for question in wrapup.summary_questions(lang) if question not in questions],
        balance=balanced,
        pain_chance=chance,
        reviewed=about.about(table_rows["sources"], the_clinic, lang, today or datetime.date.today()),
        mark=lambda source_id: f"[{numbers[source_id]}]",
        pain=None if pain_today is None else views.pain_score(pain_today, lang),
        pain_drop=pain_drop(table_rows["outcomes"], pain_today, lang),
        questions=list(questions),
        decision=list(decision),
        phone_address=phone_address,
        diary_address=wrapup.diary_address(phone_address),
        next_steps=next_steps_diagram(lang),
        qr=None
        if phone_address is None
        else wrapup.qr_svg(phone_address, t(lang, "wrap_up.qr_alt", address=phone_address)),
        share=lambda value: views.share(value, lang),
        percent_range=lambda low, high: text.percent_range(low, high, lang),
        pain_of_10=lambda figure: views.pain_drop_example(figure, lang),  # the clinic's range in plain words
        number_of=numbers,
        harm_lines=harm_lines,
        listed=numbers.listed(),
        **rows,
    )


def write_handout(data_dir: Path, lang: str, out: Path) -> int:
    out.write_text(handout_html(data_dir, lang), encoding="utf-8")
    return out.stat().st_size


def site_files(data_dir: DataFolder, app_url: str | None = None) -> dict[str, str]:
    """The patient guide in every language, every language's handout and the page that picks a language.

    The whole folder is checked first, once, as check-data does: DataProblems lists every problem it has.
    """
    folder = whole_folder(data_dir)
    files = guide.guide_pages(folder, app_url)
    files.update({f"handout-{lang}.html": handout_html(folder, lang) for lang in LANGUAGES})
    files["index.html"] = ENVIRONMENT.get_template("index.html.j2").render(
        languages=[
            (lang, t(lang, f"language.{lang}"), t(lang, "guide.chooser_title"), t(lang, "guide.chooser_intro"))
            for lang in LANGUAGES
        ],
        handout_words={lang: t(lang, "guide.handout_link") for lang in LANGUAGES},
        redirect_script=markupsafe.Markup(language_redirect_script()),
    )
    return files


def language_redirect_script() -> str:
    """Open the guide in the first of the browser's languages that the guide has, else the first language."""
    return (
        f"var known={json.dumps(list(LANGUAGES))};"
        "var wanted=(navigator.languages||[navigator.language||''])"
        ".map(function(l){return l.slice(0,2).toLowerCase()});"
        "var lang=wanted.filter(function(l){return known.indexOf(l)>=0})[0]||known[0];"
        "location.replace(lang+'/index.html');"
    )


def write_site(data_dir: Path, site_dir: Path, app_url: str | None = None) -> list[Path]:
    """The whole site, built in a temporary folder beside the target and moved into place in one step.

    Broken data raises DataProblems before anything is written, so the target is never half-written.
    """
    files = site_files(data_dir, app_url)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-", dir=site_dir.parent))
    try:
        for name, text in files.items():
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        building.chmod(0o755)
        old = site_dir.with_name(f".{site_dir.name}-old")
        if site_dir.exists():
            shutil.rmtree(old, ignore_errors=True)
            site_dir.rename(old)
        building.rename(site_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return [site_dir / name for name in files]
