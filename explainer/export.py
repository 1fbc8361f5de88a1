"""The stand-alone handout: one HTML file with inline SVG charts, no script, no outside resource."""

from __future__ import annotations

import collections
import datetime
import html
import itertools
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import jinja2
import markupsafe

from explainer import about, balance, charts, data, decide, guide, safety, text, views, wrapup
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
ENVIRONMENT.globals["mid_sentence"] = text.mid_sentence
ENVIRONMENT.filters["as_published"] = text.as_published
ENVIRONMENT.filters["sentence"] = lambda text: text if str(text).rstrip().endswith((".", "?", "!")) else f"{text}."
HANDOUT_BUDGET_BYTES = 300_000
# The fact box's benefits (SCS against usual care), then SCS against another operation, out of 100 people.
HANDOUT_TRIALS = (*guide.FACT_BOX_BENEFITS, "North-2005", "North-2005-NICE")
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
    spec = chart.to_dict(validate=False)
    # Marks, axes and legends stay out of the reading order, added to the chart's own configuration:
    # configure_axis() and the like would replace it, and with it the app's 15 px text.
    for part in ("mark", "axis", "legend"):
        spec.setdefault("config", {}).setdefault(part, {})["aria"] = False
    import vl_convert  # here, not at the top: the app needs it only when a patient downloads a page (8 MB)

    svg = _compact_svg(vl_convert.vegalite_to_svg(json.dumps(spec)))
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


# handout.html.j2 marks where its contents go; every <h2> after the mark gets a link there.
CONTENTS_MARK = "<!-- contents -->"
_SECTION_HEADING = re.compile(r'<h2(?: id="([\w-]+)")?>(.*?)</h2>', re.DOTALL)


def with_contents(page: str, heading: str) -> str:
    """A page with a list of links to its sections at the mark, each section's <h2> given an id if it had none.

    The titles are the page's own, already escaped by the template; the contents are built from the
    finished page so that a section added to the template is listed without another edit.
    """
    head, mark, body = page.partition(CONTENTS_MARK)
    if not mark:
        return page
    sections = []

    def with_id(match: re.Match) -> str:
        section_id = match.group(1) or f"section-{len(sections) + 1}"
        sections.append((section_id, match.group(2)))
        return f'<h2 id="{section_id}">{match.group(2)}</h2>'

    body = _SECTION_HEADING.sub(with_id, body)
    links = "".join(f'<li><a href="#{section_id}">{title}</a></li>' for section_id, title in sections)
    contents = f'<nav class="contents" aria-labelledby="contents"><h2 id="contents">{html.escape(heading)}</h2>'
    return f"{head}{contents}<ol>{links}</ol></nav>{body}"


class NumberedInReadingOrder(dict):
    """Source numbers for one take-home page, handed out as the page is written: the first source it cites
    is [1], the next new one [2], and so on (a template looks them up as numbers[source_id])."""

    def __init__(self, sources: Mapping[str, object]):
        super().__init__()
        self.sources = sources  # source_id -> what the page lists for it, in sources.csv order

    def __missing__(self, source_id: str) -> int:
        if source_id not in self.sources:
            raise KeyError(source_id)
        self[source_id] = number = len(self) + 1
        return number

    def listed(self) -> Iterable[tuple[int, object]]:
        """(number, source) for the sources the page cited, in number order, for the list at its foot."""
        return _Later(lambda: [(number, self.sources[source_id]) for source_id, number in self.items()])

    def every_source(self) -> Iterable[object]:
        """Every source in number order, for a list numbered 1, 2, 3...: the uncited ones after the cited."""

        def listing() -> list[object]:
            for source_id in self.sources:
                self[source_id]  # noqa: B018 (numbers a source the page did not cite)
            return [self.sources[source_id] for source_id in self]

        return _Later(listing)


class _Later:
    """A list made only when the template reaches it (the sources at a page's foot, after every mark)."""

    def __init__(self, make: Callable[[], list]):
        self.make = make

    def __iter__(self):
        return iter(self.make())


def handout_html(
    folder: DataFolder,
    lang: str,
    pain_today: int | None = None,
    questions: list[str] | tuple[str, ...] = (),
    today: datetime.date | None = None,
) -> str:
    """The handout in one language; pain_today and questions come from the app only, never stored."""
    names = ("outcomes", "procedure", "risks", "sources", "trials", "options", "watch_for")
    loaded = _tables(folder, names)
    outcomes, steps, risks, sources, trials, options, watch_rows = (loaded[name].frame for name in names)
    trial_list, risk_list, source_list = (frame.to_dict("records") for frame in (trials, risks, sources))
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
            "chance": balance.pain_chance(trial_list, lang),
            "svg": svg_figure(view, PHONE_CHART_WIDTH),
        }

    source_numbers = NumberedInReadingOrder({source["source_id"]: source for _, source in sources.iterrows()})
    clinic = _clinic(folder)
    page = ENVIRONMENT.get_template("handout.html.j2").render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        clinic=clinic,
        balance=balance.balance(trial_list, risk_list, source_list, lang),
        watch_groups=safety.watch_for(watch_rows.to_dict("records"), lang),
        reviewed=about.about(source_list, clinic, lang, today or datetime.date.today()),
        decide_paper=decide.paper_context({"trials": trial_list, "risks": risk_list}, lang),
        figures=figures,
        pain=pain,
        questions=list(questions),
        steps=[step for _, step in steps.iterrows()],
        risks=[
            (risk, views.risk_rate(risk, lang) or t(lang, "risks.no_number"))
            for risk in views.by_how_often([risk for _, risk in risks.iterrows()])
        ],
        sources=source_numbers.every_source(),
        source_numbers=source_numbers,
        diagrams=[implant_diagram(stage, lang) for stage in STAGES],
        # What careful trials found, each with its comparison, and the benefits-and-harms fact box.
        trials=[trial_rows[trial_id] for trial_id in HANDOUT_TRIALS if trial_id in trial_rows],
        fact_harms=[risk_rows[risk_id] for risk_id in guide.FACT_BOX_HARMS if risk_id in risk_rows],
        options=views.option_grid(
            options.to_dict("records"), trials.to_dict("records"), risks.to_dict("records"), lang
        ),
        option_notes=views.OPTION_NOTES,
        mark=lambda source_id: f"[{source_numbers[source_id]}]",
        share=lambda value: views.share(value, lang),
        out_of_100=lambda low, high: text.out_of_100(low, high, lang),
    )
    return with_contents(page, t(lang, "handout.contents"))


def diary_context(
    folder: DataFolder,
    lang: str,
    usual_pain: int | None = None,
    numbers: Mapping[str, int] | None = None,
    today: datetime.date | None = None,
) -> dict:
    """What the trial week diary shows, for its own page (sources numbered in reading order) and for the
    guide's copy of it (the guide's own numbers, the same on every guide page)."""
    loaded = _tables(folder, ("trial_week", "procedure", "sources", "trials", "watch_for"))
    tips = loaded["trial_week"].frame.to_dict("records")
    chance = balance.pain_chance(loaded["trials"].frame.to_dict("records"), lang)
    watch_rows = [
        row for row in loaded["watch_for"].frame.to_dict("records") if row["moment"] in safety.DURING_THE_TRIAL
    ]
    decision = next(step for step in loaded["procedure"].frame.to_dict("records") if step["step_id"] == "decision")
    sources = loaded["sources"].frame
    citations = {
        source_id: text.as_published(citation, lang)
        for source_id, citation in zip(sources["source_id"], sources["citation"], strict=True)
    }
    if numbers is None:
        numbers = NumberedInReadingOrder(citations)
        diary_sources = numbers.listed()
    else:
        cited = dict.fromkeys(
            [
                decision["source_id"],
                *(line.source_id for line in chance),
                *(tip["source_id"] for tip in tips),
                *(row["source_id"] for row in watch_rows),
            ]
        )
        diary_sources = [(numbers[source_id], citations[source_id]) for source_id in cited]
    clinic = _clinic(folder)
    half = None if usual_pain is None else charts.pain_after_relief(usual_pain, HALF, HALF)[0]
    return {
        "usual_pain": usual_pain,
        "usual_pain_text": None if usual_pain is None else views.pain_score(usual_pain, lang),
        "half_text": None if half is None else views.pain_score(half, lang),
        "blank_pain": t(lang, "format.pain_score", value="____"),
        "decision": decision,
        "tips": tips,
        "clinic": clinic,
        "pain_chance": chance,
        "diary_watch_groups": safety.watch_for(watch_rows, lang, safety.DURING_THE_TRIAL),
        "reviewed": about.about(
            loaded["sources"].frame.to_dict("records"), clinic, lang, today or datetime.date.today()
        ),
        "mark": lambda source_id: f"[{numbers[source_id]}]",
        "source_numbers": numbers,
        "diary_sources": diary_sources,
    }


def diary_html(
    folder: DataFolder, lang: str, usual_pain: int | None = None, goals: list[str] | tuple[str, ...] = ()
) -> str:
    """The one-page trial week diary; usual_pain and the goals come from the app only when the patient set them."""
    return ENVIRONMENT.get_template("diary.html.j2").render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        goals=list(goals),
        **diary_context(folder, lang, usual_pain),
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
    today: datetime.date | None = None,
    decision: list[str] | tuple[str, ...] = (),
) -> str:
    """The one-page take-home summary of a consult; what the patient entered comes from the app only."""
    tables = summary_tables(folder)
    balanced = balance.balance(tables["trials"], tables["risks"], tables["sources"], lang)
    chance = () if pain_today is None else balance.pain_chance(tables["trials"], lang)
    numbers = NumberedInReadingOrder({source["source_id"]: source for source in tables["sources"]})
    rows = wrapup.summary_rows(tables, lang)
    clinic = _clinic(folder)
    return ENVIRONMENT.get_template("summary.html.j2").render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        clinic=clinic,
        balance=balanced,
        pain_chance=chance,
        reviewed=about.about(tables["sources"], clinic, lang, today or datetime.date.today()),
        mark=lambda source_id: f"[{numbers[source_id]}]",
        pain=None if pain_today is None else views.pain_score(pain_today, lang),
        questions=list(questions),
        decision=list(decision),
        phone_address=phone_address,
        qr=None
        if phone_address is None
        else wrapup.qr_svg(phone_address, t(lang, "wrap_up.qr_alt", address=phone_address)),
        share=lambda value: views.share(value, lang),
        percent_range=lambda low, high: text.percent_range(low, high, lang),
        number_of=numbers,
        listed=numbers.listed(),
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
