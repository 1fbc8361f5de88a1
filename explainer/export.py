"""The stand-alone handout: one HTML file with inline SVG charts, no script, no outside resource."""

from __future__ import annotations

import collections
import html
import itertools
import json
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

import jinja2
import markupsafe

from explainer import charts, data, guide, text, topics, views, wrapup
from explainer.data import LANGUAGES, Loaded, Problem
from explainer.diagram import STAGES, implant_diagram
from explainer.text import t

TEMPLATES = Path(__file__).resolve().parent / "templates"
ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every CSV text is escaped; only our own rendered SVG is marked safe
    trim_blocks=True,
    lstrip_blocks=True,
)
ENVIRONMENT.globals["long_date"] = text.long_date
ENVIRONMENT.filters["sentence"] = lambda text: text if str(text).rstrip().endswith((".", "?", "!")) else f"{text}."
HANDOUT_BUDGET_BYTES = 300_000
HALF = 50  # the trial's usual mark of success: pain down by at least half (procedure.csv, step "decision")


class DataProblems(Exception):
    """The data folder has problems, so no handout can be made from it."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = problems


# A data folder on disk (the command line), or the app's folder, already checked in a child process.
DataFolder = Path | Mapping[str, Loaded]


def _loaded(folder: DataFolder, name: str) -> Loaded:
    """One table of data.LOADERS, from the app's checked folder or read from disk."""
    return folder[name] if isinstance(folder, Mapping) else data.LOADERS[name](Path(folder))


def _tables(folder: DataFolder, names: tuple[str, ...]) -> dict[str, Loaded]:
    """The named tables, valid; DataProblems when any of them is broken."""
    loaded = {name: _loaded(folder, name) for name in names}
    problems = [problem for result in loaded.values() for problem in result.problems]
    if problems:
        raise DataProblems(list(dict.fromkeys(problems)))
    return loaded


def _clinic(folder: DataFolder):
    """The clinic's row, or None: a page is still made without the clinic's details."""
    clinic = _loaded(folder, "clinic")
    return clinic.frame.iloc[0] if clinic.ok else None


# Bar charts are drawn this wide, so that on a 390 px phone they show at full size: text a phone can read.
PHONE_CHART_WIDTH = 300


def svg_figure(view: views.ChartView, width: int | None = None) -> markupsafe.Markup:
    """A chart as inline SVG that a screen reader reads as one image with our text alternative."""
    chart = view.chart.properties(width=width) if width else view.chart
    chart = chart.configure_mark(aria=False).configure_axis(aria=False).configure_legend(aria=False)
    import vl_convert  # here, not at the top: the app needs it only when a patient downloads a page (8 MB)

    svg = _compact_svg(vl_convert.vegalite_to_svg(chart.to_json(validate=False)))
    label = html.escape(view.alt_text, quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return markupsafe.Markup(svg)


# Attributes that change nothing in a static picture read as one image: Vega's roles and classes for its
# own scripts, hidden-from-readers marks inside an image that readers already skip, and default values.
_SVG_NOISE = re.compile(
    r' (?:class|role|aria-roledescription|aria-hidden|pointer-events)="[^"]*"| opacity="1"| stroke-width="0"'
)


_PATH_DATA = re.compile(r' d="([^"]{24,})"')
_SHAPE_IDS = itertools.count(1)  # ids stay unique across the several charts of one page


def _compact_svg(svg: str) -> str:
    """The same drawing in a third of the bytes: each dot's shape is written once and reused.

    A trial page holds several grids of 100 dots; without this it is over 200 KB.
    """
    svg = _SVG_NOISE.sub("", svg)
    shapes = [shape for shape, count in collections.Counter(_PATH_DATA.findall(svg)).items() if count > 2]
    if not shapes:
        return svg
    ids = {shape: f"shape{next(_SHAPE_IDS)}" for shape in shapes}
    for shape, shape_id in ids.items():
        svg = re.sub(rf'<path ([^>]*?)d="{re.escape(shape)}"', rf'<use \1href="#{shape_id}"', svg)
    defs = "".join(f'<path id="{shape_id}" d="{shape}"/>' for shape, shape_id in ids.items())
    opening_end = svg.index(">") + 1
    return f"{svg[:opening_end]}<defs>{defs}</defs>{svg[opening_end:]}"


def handout_html(
    folder: DataFolder, lang: str, pain_today: int | None = None, questions: list[str] | tuple[str, ...] = ()
) -> str:
    """The handout in one language; pain_today and questions come from the app only, never stored."""
    names = ("outcomes", "procedure", "risks", "sources", "trials", "options")
    loaded = _tables(folder, names)
    outcomes, steps, risks, sources, trials, options = (loaded[name].frame for name in names)
    trial_rows = {row["trial_id"]: row for row in trials.to_dict("records")}
    risk_rows = {row["risk_id"]: row for row in risks.to_dict("records")}

    figures = []
    for _, figure in outcomes.iterrows():
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
            "svg": svg_figure(view, PHONE_CHART_WIDTH),
        }

    source_numbers = data.source_numbers(sources["source_id"])
    return ENVIRONMENT.get_template("handout.html.j2").render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        clinic=_clinic(folder),
        figures=figures,
        pain=pain,
        questions=list(questions),
        steps=[step for _, step in steps.iterrows()],
        risks=[
            (risk, views.risk_rate(risk, lang) or t(lang, "risks.no_number"))
            for risk in views.by_how_often([risk for _, risk in risks.iterrows()])
        ],
        sources=[source for _, source in sources.iterrows()],
        source_numbers=source_numbers,
        diagrams=[implant_diagram(stage, lang) for stage in STAGES],
        # What careful trials found, each with its comparison, and the benefits-and-harms fact box.
        trials=[trial_rows[trial_id] for trial_id in topics.HANDOUT_TRIALS],
        fact_harms=[risk_rows[risk_id] for risk_id in topics.EVIDENCE.ids("risks", "fact_box")],
        options=views.option_grid(
            options.to_dict("records"), trials.to_dict("records"), risks.to_dict("records"), lang
        ),
        option_notes=views.OPTION_NOTES,
        mark=lambda source_id: f"[{source_numbers[source_id]}]",
        share=lambda value: views.share(value, lang),
        out_of_100=lambda low, high: text.out_of_100(low, high, lang),
    )


def diary_context(folder: DataFolder, lang: str, usual_pain: int | None = None) -> dict:
    """What the trial week diary shows, for its own page and for the guide's copy of it."""
    loaded = _tables(folder, ("trial_week", "procedure", "sources"))
    tips = loaded["trial_week"].frame.to_dict("records")
    (decision_id,) = topics.DIARY.ids("procedure", "decision")
    decision = next(step for step in loaded["procedure"].frame.to_dict("records") if step["step_id"] == decision_id)
    citations = dict(zip(loaded["sources"].frame["source_id"], loaded["sources"].frame["citation"], strict=True))
    numbers = data.source_numbers(citations)
    cited = dict.fromkeys([decision["source_id"], *(tip["source_id"] for tip in tips)])
    half = None if usual_pain is None else charts.pain_after_relief(usual_pain, HALF, HALF)[0]
    return {
        "usual_pain": usual_pain,
        "usual_pain_text": None if usual_pain is None else views.pain_score(usual_pain, lang),
        "half_text": None if half is None else views.pain_score(half, lang),
        "blank_pain": t(lang, "format.pain_score", value="____"),
        "decision": decision,
        "tips": tips,
        "clinic": _clinic(folder),
        "source_numbers": numbers,
        "diary_sources": [(numbers[source_id], citations[source_id]) for source_id in cited],
    }


def diary_html(folder: DataFolder, lang: str, usual_pain: int | None = None) -> str:
    """The one-page trial week diary; usual_pain comes from the app only when the patient chose it."""
    return ENVIRONMENT.get_template("diary.html.j2").render(
        lang=lang, t=lambda key, **values: t(lang, key, **values), **diary_context(folder, lang, usual_pain)
    )


def summary_tables(folder: DataFolder) -> dict[str, list[dict]]:
    """The validated tables the wrap-up and the summary read, as plain rows; DataProblems when any is broken."""
    names = ("outcomes", "trials", "risks", "sources")
    return {name: loaded.frame.to_dict("records") for name, loaded in _tables(folder, names).items()}


def summary_html(
    folder: DataFolder,
    lang: str,
    phone_address: str | None = None,
    pain_today: int | None = None,
    questions: list[str] | tuple[str, ...] = (),
) -> str:
    """The one-page take-home summary of a consult; what the patient entered comes from the app only."""
    tables = summary_tables(folder)
    sources = [source["source_id"] for source in tables["sources"]]
    numbers = data.source_numbers(sources)
    rows = wrapup.summary_rows(tables, lang)
    cited = dict.fromkeys(
        [row["source_id"] for row in rows["clinic_figures"]]
        + [row["source_id"] for row in rows["trials"]]
        + [harm["source_id"] for harm, _ in rows["harms"]]
    )
    by_id = {source["source_id"]: source for source in tables["sources"]}
    return ENVIRONMENT.get_template("summary.html.j2").render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        clinic=_clinic(folder),
        pain=None if pain_today is None else views.pain_score(pain_today, lang),
        questions=list(questions),
        phone_address=phone_address,
        qr=None
        if phone_address is None
        else wrapup.qr_svg(phone_address, t(lang, "wrap_up.qr_alt", address=phone_address)),
        share=lambda value: views.share(value, lang),
        percent_range=lambda low, high: text.percent_range(low, high, lang),
        number_of=numbers,
        listed=[(numbers[source_id], by_id[source_id]) for source_id in cited],
        **rows,
    )


def write_handout(data_dir: Path, lang: str, out: Path) -> int:
    out.write_text(handout_html(data_dir, lang), encoding="utf-8")
    return out.stat().st_size


def site_files(data_dir: Path, app_url: str | None = None) -> dict[str, str]:
    """The patient guide in every language, every language's handout and the page that picks a language."""
    files = guide.guide_pages(data_dir, app_url)  # checks the whole data folder first, as check-data does
    files.update({f"handout-{lang}.html": handout_html(data_dir, lang) for lang in LANGUAGES})
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
