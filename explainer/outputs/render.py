"""What every take-home page shares: the checked data folder it is made from, its templates, inline SVG charts.

No Streamlit. Every output (handout, summary, diary, guide) gets the folder checked once (data.load_folder
or check-data's report) and renders one template with Jinja's autoescape on.
"""

from __future__ import annotations

import collections
import html
import itertools
import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import jinja2
import markupsafe

from explainer import data, text, views
from explainer.data import Loaded, Problem

TEMPLATES = Path(__file__).resolve().parent / "templates"
ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,  # every CSV text is escaped; only our own rendered SVG is marked safe
    trim_blocks=True,
    lstrip_blocks=True,
)
ENVIRONMENT.globals["long_date"] = text.long_date
ENVIRONMENT.globals["mid_sentence"] = text.mid_sentence
ENVIRONMENT.globals["sentence_start"] = text.sentence_start
ENVIRONMENT.globals["trial_in_words"] = views.trial_in_words
ENVIRONMENT.globals["shares_apart"] = views.shares_apart
ENVIRONMENT.filters["as_published"] = text.as_published
ENVIRONMENT.filters["sentence"] = lambda text: text if str(text).rstrip().endswith((".", "?", "!")) else f"{text}."


class DataProblems(Exception):
    """The data folder has problems, so no handout can be made from it."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = problems


# The app's folder, checked in a child process; or a folder on disk, which checked() loads once.
CheckedFolder = Mapping[str, Loaded]
DataFolder = Path | CheckedFolder


def checked(folder: DataFolder) -> CheckedFolder:
    """Every table of the folder by name (data.LOADERS), each CSV validated once: the one way data reaches an output."""
    return folder if isinstance(folder, Mapping) else data.load_folder(Path(folder))


def whole_folder(folder: DataFolder) -> CheckedFolder:
    """The folder with every table valid, checked once as check-data checks it; else DataProblems with every problem."""
    if isinstance(folder, Mapping):
        problems = [problem for loaded in folder.values() for problem in loaded.problems]
        if problems:
            raise DataProblems(list(dict.fromkeys(problems)))
        return folder
    report = data.check_data(Path(folder))
    if report.problems:
        raise DataProblems(report.problems)
    return report.folder


def tables(folder: CheckedFolder, names: tuple[str, ...]) -> dict[str, Loaded]:
    """The named tables, valid; DataProblems when any of them is broken."""
    loaded = {name: folder[name] for name in names}
    problems = [problem for result in loaded.values() for problem in result.problems]
    if problems:
        raise DataProblems(list(dict.fromkeys(problems)))
    return loaded


def clinic(folder: CheckedFolder):
    """The clinic's row, or None: a page is still made without the clinic's details."""
    loaded = folder["clinic"]
    return loaded.frame.iloc[0] if loaded.ok else None


# Bar charts are drawn this wide, so that on a 390 px phone they show at full size: text a phone can read.
PHONE_CHART_WIDTH = 300


def svg_figure(view: views.ChartView, width: int | None = None, legend: bool = True) -> markupsafe.Markup:
    """A chart as inline SVG that a screen reader reads as one image with our text alternative.

    Without its legend (legend=False) the page prints the view's key in words instead.
    """
    chart = view.chart.properties(width=width) if width else view.chart
    spec = chart.to_dict(validate=False)
    if not legend:
        for channel in spec.get("encoding", {}).values():
            if isinstance(channel, dict):
                channel["legend"] = None
    # Marks, axes and legends stay out of the reading order, added to the chart's own configuration:
    # configure_axis() and the like would replace it, and with it the app's 15 px text.
    for part in ("mark", "axis", "legend"):
        spec.setdefault("config", {}).setdefault(part, {})["aria"] = False
    import vl_convert  # here, not at the top: the app needs it only when a patient downloads a page (8 MB)

    svg = _compact_svg(vl_convert.vegalite_to_svg(json.dumps(spec)))
    label = html.escape(view.alt_text, quote=True)
    # overflow: a legend's words measured in one font and drawn in a wider one still show whole, not cut at the edge
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{label}" overflow="visible" ', 1)
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
# A section heading, or the mark of a part: the contents list the sections in parts of a few each.
_SECTION_OR_PART = re.compile(r'<h2(?: id="([\w-]+)")?>(.*?)</h2>|<!-- part: (.*?) -->\n?', re.DOTALL)


def with_contents(page: str, heading: str) -> str:
    """A page with a list of links to its sections at the mark, each section's <h2> given an id if it had none.

    The titles are the page's own, already escaped by the template; the contents are built from the
    finished page so that a section added to the template is listed without another edit. A template
    marks where each part of its sections begins (<!-- part: title -->): the contents name the parts and
    number the sections on across them, so no list is long.
    """
    head, mark, body = page.partition(CONTENTS_MARK)
    if not mark:
        return page
    parts: list[tuple[str, list[tuple[str, str]]]] = [("", [])]

    def with_id(match: re.Match) -> str:
        if match.group(3) is not None:  # a part begins: the mark itself leaves the page
            parts.append((match.group(3), []))
            return ""
        section_id = match.group(1) or f"section-{sum(len(sections) for _, sections in parts) + 1}"
        parts[-1][1].append((section_id, match.group(2)))
        return f'<h2 id="{section_id}">{match.group(2)}</h2>'

    body = _SECTION_OR_PART.sub(with_id, body)
    lists, number = [], 1
    for title, sections in parts:
        if not sections:
            continue
        links = "".join(f'<li><a href="#{section_id}">{name}</a></li>' for section_id, name in sections)
        lists.append(f'{f"<h3>{title}</h3>" if title else ""}<ol start="{number}">{links}</ol>')
        number += len(sections)
    contents = f'<nav class="contents" aria-labelledby="contents"><h2 id="contents">{html.escape(heading)}</h2>'
    return f"{head}{contents}{''.join(lists)}</nav>{body}"


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

    def listed(self, shown: Callable[[object], object] = lambda source: source) -> Iterable[tuple[int, object]]:
        """(number, source) for the sources the page cited, in number order, for the list at its foot;
        `shown` turns a source into what the list prints of it."""
        return _Later(lambda: [(number, shown(self.sources[source_id])) for source_id, number in self.items()])

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
