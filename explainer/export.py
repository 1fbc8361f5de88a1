"""The stand-alone handout: one HTML file with inline SVG charts, no script, no outside resource."""

from __future__ import annotations

import html
from pathlib import Path

import jinja2
import markupsafe
import vl_convert

from explainer import data, views
from explainer.data import LANGUAGES, Problem
from explainer.text import t

TEMPLATES = Path(__file__).resolve().parent / "templates"
ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every CSV text is escaped; only our own rendered SVG is marked safe
    trim_blocks=True,
    lstrip_blocks=True,
)
HANDOUT_BUDGET_BYTES = 300_000


class DataProblems(Exception):
    """The data folder has problems, so no handout can be made from it."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = problems


def svg_figure(view: views.ChartView, width: int | None = None) -> markupsafe.Markup:
    """A chart as inline SVG that a screen reader reads as one image with our text alternative."""
    chart = view.chart.properties(width=width) if width else view.chart
    chart = chart.configure_mark(aria=False).configure_axis(aria=False).configure_legend(aria=False)
    svg = vl_convert.vegalite_to_svg(chart.to_json(validate=False))
    label = html.escape(view.alt_text, quote=True)
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)
    return markupsafe.Markup(svg)


def handout_html(
    data_dir: Path, lang: str, pain_today: int | None = None, questions: list[str] | tuple[str, ...] = ()
) -> str:
    """The handout in one language; pain_today and questions come from the app only, never stored."""
    loaded = {name: getattr(data, f"load_{name}")(data_dir) for name in ("outcomes", "procedure", "risks", "sources")}
    problems = [problem for result in loaded.values() for problem in result.problems]
    if problems:
        raise DataProblems(list(dict.fromkeys(problems)))
    outcomes, steps, risks, sources = (loaded[name].frame for name in ("outcomes", "procedure", "risks", "sources"))
    clinic = data.load_clinic(data_dir)

    figures = []
    for _, figure in outcomes.iterrows():
        if figure["measure"] == "share_of_patients":
            view, heading, width = views.share_view(figure, lang), views.share_title(figure, lang), None
        else:
            view, heading, width = views.amount_view(figure, lang), figure[f"result_{lang}"], 460
        figures.append({"heading": heading, "svg": svg_figure(view, width), "alt": view.alt_text, "row": figure})

    pain = None
    pain_reduction = outcomes[outcomes["measure"] == "pain_reduction"]
    if pain_today and len(pain_reduction):
        figure = pain_reduction.iloc[0]
        view = views.pain_today_view(figure, lang, pain_today)
        pain = {
            "score": views.pain_score(pain_today, lang),
            "sentence": views.pain_today_sentence(pain_today, figure, lang),
            "svg": svg_figure(view, 460),
        }

    source_numbers = {source_id: number for number, source_id in enumerate(sources["source_id"], 1)}
    return ENVIRONMENT.get_template("handout.html.j2").render(
        lang=lang,
        t=lambda key, **values: t(lang, key, **values),
        clinic=clinic.frame.iloc[0] if clinic.ok else None,
        figures=figures,
        pain=pain,
        questions=list(questions),
        steps=[step for _, step in steps.iterrows()],
        risks=[(risk, views.risk_rate(risk, lang) or t(lang, "risks.no_number")) for _, risk in risks.iterrows()],
        sources=[source for _, source in sources.iterrows()],
        source_numbers=source_numbers,
    )


def write_handout(data_dir: Path, lang: str, out: Path) -> int:
    out.write_text(handout_html(data_dir, lang), encoding="utf-8")
    return out.stat().st_size


def write_site(data_dir: Path, site_dir: Path) -> list[Path]:
    """Every language's handout plus an index page: plain files for any static host or CDN."""
    site_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGES:
        path = site_dir / f"handout-{lang}.html"
        write_handout(data_dir, lang, path)
        written.append(path)
    index = ENVIRONMENT.get_template("index.html.j2").render(
        languages=[(lang, t(lang, f"language.{lang}"), t(lang, "handout.site_title")) for lang in LANGUAGES],
        t=lambda key, **values: t(LANGUAGES[0], key, **values),
        intro=[t(lang, "handout.site_intro") for lang in LANGUAGES],
    )
    (site_dir / "index.html").write_text(index, encoding="utf-8")
    return [site_dir / "index.html", *written]
