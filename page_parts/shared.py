"""Streamlit helpers the pages share: the language, cached data, the error box, charts."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping

import pandas as pd
import pyarrow as pa
import streamlit as st

from explainer import data, decide, views
from explainer.diagram import STAGES, implant_diagram, limits_diagram
from explainer.outputs import export
from explainer.text import Markdown, as_published, escape_markdown, problem_message, problem_place, t
from explainer.views import ChartView
from page_parts.checked_data import loaded_folder
from page_parts.frame import hand_a_legacy_visit_to_the_router
from page_parts.process_cache import ProcessCache

DIAGRAM_WIDTH = 340  # fits a 390 px phone


def current_language() -> str:
    """The language every page starts from; first it makes sure app.py's router is in charge."""
    hand_a_legacy_visit_to_the_router()
    return st.session_state.lang  # app.py sets it before it runs a page


def phone_link(phone: str) -> Markdown:
    """The clinic's number as a link a phone can call; the address keeps only digits and a leading +."""
    number = re.sub(r"(?!^\+)[^\d]", "", str(phone).strip())
    return Markdown(f"[{escape_markdown(phone)}](tel:{number})") if number.strip("+") else escape_markdown(phone)


def load(name: str) -> data.Loaded:
    """One table of the app's data folder by its name in data.LOADERS ("outcomes", "options" ...)."""
    return loaded_folder()[name]


def show_problems(problems: tuple[data.Problem, ...], lang: str) -> None:
    """The plain-words error box for broken data; the page stops here, the app does not."""
    heading = f"**{t(lang, 'problem.box_heading')}**"
    if all(problem.code == "check_stopped" for problem in problems):  # the files may be fine: say what happened
        st.error(f"{heading}\n\n{t(lang, 'problem.check_stopped_box')}", icon=":material/error:")
        return
    lines = [
        f"- **{escape_markdown(problem_place(problem, lang))}:** {escape_markdown(problem_message(problem, lang))}"
        for problem in problems
    ]
    st.error(
        f"{heading}\n\n{t(lang, 'problem.box_intro')}\n\n" + "\n".join(lines),
        icon=":material/error:",
    )


class PageStopped(Exception):
    """A page showed why it cannot go on (its data is broken); app.py still draws the rest of the frame."""


def loaded_or_stop(name: str, lang: str):
    """The validated table, or the error box and an end to this page's script."""
    loaded = load(name)
    if not loaded.ok:
        show_problems(loaded.problems, lang)
        raise PageStopped(name)
    return loaded.frame


def rows_by_id(frame: pd.DataFrame, id_column: str) -> dict[str, dict]:
    """A validated table as plain rows keyed by their id: quick lookups, and no new table each run."""
    return {row[id_column]: row for row in frame.to_dict("records")}


def citations_by_id(sources: pd.DataFrame) -> dict[str, str]:
    """Each source's citation as published, marked as English when the page is in another language."""
    lang = current_language()
    return {
        source_id: as_published(citation, lang)
        for source_id, citation in zip(sources["source_id"], sources["citation"], strict=True)
    }


def numbered_sources(source_ids, citations) -> tuple[list[str], str]:
    """Short marks ([1], [2] ...) for a table's source column, and the numbered list to print under it."""
    order = list(dict.fromkeys(source_ids))
    marks = [f"[{order.index(source_id) + 1}]" for source_id in source_ids]
    listing = "  \n".join(
        f"\\[{number}\\] {escape_markdown(citations[source_id])}" for number, source_id in enumerate(order, 1)
    )
    return marks, listing


def show_view(builder: Callable[..., ChartView | None], row: Mapping, lang: str, *extra) -> bool:
    """A chart from explainer.views in our own readable style, with its text alternative.

    Returns False when the view has no chart.
    """
    consult = bool(st.session_state.get("consult"))
    key = (builder.__name__, repr(sorted(dict(row).items())), lang, repr(extra), consult)  # rows may hold lists
    built = _CHART_SPECS.get(key, functools.partial(_chart_spec, builder.__name__, dict(row), lang, extra, consult))
    if built is None:
        return False
    spec_json, tables, alt_text = built
    # A new spec on every run: Streamlit moves the datasets out of the spec it is given.
    st.vega_lite_chart({**json.loads(spec_json), "datasets": dict(tables)}, width="stretch", theme=None, alt=alt_text)
    return True


# Kept by the process, not in st.cache_resource, which any visitor's "clear caches" message empties for all.
_CHART_SPECS: ProcessCache[tuple[str, dict, str] | None] = ProcessCache(size=4096)


def _chart_spec(view_name: str, row: dict, lang: str, extra: tuple, consult: bool) -> tuple[str, dict, str] | None:
    """A view's finished spec (as JSON), its datasets as Arrow tables and its text alternative, once per process.

    A rerun then builds, validates and converts nothing it has drawn before; the cache is bounded and
    shared safely between sessions (what it returns is never changed).
    """
    view = getattr(views, view_name)(row, lang, *extra)
    if view is None:
        return None
    spec = view.chart.to_dict()
    # No chart here binds a parameter to a form control, so Vega adds no empty <form class="vega-bindings">.
    spec.setdefault("config", {})["events"] = {"bind": "none"}
    tables = {
        name: pa.Table.from_pandas(pd.DataFrame(values), preserve_index=False)
        for name, values in spec.pop("datasets", {}).items()
    }
    return json.dumps(_across_the_room(spec) if consult else spec), tables, view.alt_text


# Consult mode: chart text 1.25 times larger (15 px labels become about 19 px), the marks with it.
CONSULT_SCALE = 1.25
_LENGTHS = frozenset({"fontSize", "labelFontSize", "titleFontSize", "lineHeight", "dy", "height"})
_AREAS = frozenset({"size", "symbolSize"})


def _across_the_room(node):
    """A spec with every text size, offset and height scaled for a shared screen, and mark areas with them."""
    if isinstance(node, dict):
        scaled = {}
        for key, value in node.items():
            if isinstance(value, (int, float)) and not isinstance(value, bool) and key in _LENGTHS | _AREAS:
                scaled[key] = value * (CONSULT_SCALE if key in _LENGTHS else CONSULT_SCALE**2)
            else:
                scaled[key] = _across_the_room(value)
        return scaled
    if isinstance(node, list):
        return [_across_the_room(value) for value in node]
    return node


def choice_row(
    label: str,
    labels: dict[str, str],
    key: str,
    *,
    first_picked: bool = True,
    in_a_row: bool = True,
    help: str | None = None,
) -> str | None:
    """One choice of a few, as radio buttons (a row that wraps on a phone), kept for this browser session.

    Without `first_picked` nothing is chosen until the patient chooses (None until then). The labels
    dict's .get formats them: a widget keeps its label maker for the whole session, and a lambda
    defined in a page would keep that page's globals alive with it.
    """
    return st.radio(
        label,
        list(labels),
        format_func=labels.get,
        index=0 if first_picked else None,
        horizontal=in_a_row,
        key=key,
        persist_state="session",
        help=help,
    )


def pain_slider(lang: str) -> int:
    """The "your pain today" control: one value on every page that shows it, kept in the page's address.

    Bound to the address (?my_pain=6), the score survives a worker that dies: the browser sends the address
    to whichever worker it reconnects to, on any page, and the score goes no further than the browser's
    address bar and history (make serve logs no address). Its starting score is the control's default, so
    no value written through session state can hide the one the browser sends after a reconnect."""
    return st.slider(
        t(lang, "outcomes.your_pain_label"),
        0,
        10,
        views.DEFAULT_PAIN,
        key="my_pain",
        bind="query-params",
        persist_state="session",
        help=t(lang, "outcomes.your_pain_help"),
        on_change=_pain_chosen,
    )


def _pain_chosen() -> None:
    st.session_state.my_pain_chosen = True


def chosen_pain() -> int | None:
    """The pain score the patient set on the control, or None while it is untouched (it starts at 8).

    A page that reconnected to another worker re-sends the control's value but not the flag a callback
    set: a score other than the starting one was chosen all the same."""
    pain = st.session_state.get("my_pain")
    chosen = st.session_state.get("my_pain_chosen") or (pain is not None and pain != views.DEFAULT_PAIN)
    return pain if chosen else None


# Streamlit's page reruns the script when it reconnects only if it has a timed fragment (or was running):
# an idle page that reconnects to another worker (its own died) would keep its old elements, with download
# buttons that new worker refuses ("session ID mismatch"), until the patient touched something.
RERUN_ON_RECONNECT_EVERY = "10m"


def keep_entries_after_a_reconnect() -> None:
    """Called once the page has run: its entries are kept, and a page that reconnects is rerun at once.

    After a reconnect to another worker the browser re-sends the values of the controls it shows, and the
    new session's first run holds them; Streamlit may forget them at that session's first change of page,
    before they become its own. A copy in plain session state (this browser session's memory only) puts
    them back; restore_entries() does so before the next page runs."""
    _timed_fragment()
    kept = {key: value for key, value in st.session_state.items() if key in ENTRY_KEYS or key.startswith("ask_")}
    if chosen_pain() is not None:
        kept["my_pain_chosen"] = True  # a reconnected session knows it from the score alone, until it forgets
    st.session_state.kept_entries = kept


ENTRY_KEYS = frozenset({"my_pain", "my_pain_chosen", "my_priorities"})


def restore_entries() -> None:
    """Before a page runs: when Streamlit forgot an entry, they all come back from the copy (see above).

    The pain score too, for a page without its control (the wrap-up): the address holds it only for a page
    that shows the control."""
    kept = st.session_state.get("kept_entries", {})
    if any(key not in st.session_state for key in kept):
        for key, value in kept.items():
            st.session_state[key] = value


@st.fragment(run_every=RERUN_ON_RECONNECT_EVERY)
def _timed_fragment() -> None:
    """Draws nothing; being a timed fragment, it makes a reconnected page rerun at once."""


def show_implant_diagrams(lang: str, fold: str) -> None:
    """Where the parts go, for the trial week and for the permanent device.

    fold="tabs" shows one drawing at a time under its heading (the procedure); fold="expander"
    keeps both behind one plain heading (the overview, where they are a detail).
    """
    if fold == "tabs":
        st.header(t(lang, "diagram.heading"))
        places = st.tabs([implant_diagram(stage, lang).title for stage in STAGES])
    else:
        places = [st.expander(t(lang, "diagram.heading"), icon=":material/accessibility_new:")] * len(STAGES)
    for place, stage in zip(places, STAGES, strict=True):
        drawing = implant_diagram(stage, lang)
        with place:
            if fold != "tabs":
                st.subheader(drawing.title)
            st.image(drawing.svg, width=DIAGRAM_WIDTH, alt=drawing.alt_text)
            st.markdown("\n".join(f"{number}. {item}" for number, item in enumerate(drawing.legend, 1)))
    with places[-1]:
        st.caption(t(lang, "diagram.note"))


def show_limits_diagram(lang: str) -> None:
    """The lifting, bending and reaching limits while the wires settle: the drawing, its legend and its note."""
    drawing = limits_diagram(lang)
    with st.expander(drawing.title, icon=":material/accessibility_new:"):  # folded: the page stays short on a phone
        st.image(drawing.svg, width=DIAGRAM_WIDTH, alt=drawing.alt_text)
        st.markdown("\n".join(f"{number}. {item}" for number, item in enumerate(drawing.legend, 1)))
        st.caption(t(lang, "limits.note"))


def page_download(
    label: str,
    build: Callable[[], str],
    file_name: str,
    taken_home: str,
    icon: str = ":material/download:",
    shows_what_was_taken: bool = False,
    **extra,
):
    """A page to take home (the handout, the summary, the diary), built in memory only when it is clicked.

    The download is remembered by its name (wrapup.TAKE_HOME) in this browser session's memory only, so
    the wrap-up's note says what the patient took home and nothing else. A page that shows that note
    (shows_what_was_taken) builds its file at once and reruns on the click, so the note under it is current:
    a deferred file's rerun would race the browser's request for it.
    """
    taken = st.session_state.setdefault("taken_home", [])  # a plain list: the build may run outside the script
    if shows_what_was_taken:
        data, on_click, args = build(), _taken_home, (taken, taken_home)
    else:
        data, on_click, args = functools.partial(_build_and_remember, build, taken, taken_home), "ignore", None
    st.download_button(
        label, data=data, file_name=file_name, mime="text/html", icon=icon, on_click=on_click, args=args, **extra
    )


def _taken_home(taken: list[str], name: str) -> None:
    if name not in taken:
        taken.append(name)


def _build_and_remember(build: Callable[[], str], taken: list[str], name: str) -> str:
    page = build()
    _taken_home(taken, name)
    return page


def diary_download(lang: str, key: str) -> None:
    """The trial week diary, with the patient's pain only if they chose one, and their trial-week goals if set."""
    goals = decide.clean_goals(st.session_state.get("decide_goals", []))
    page_download(
        t(lang, "diary.button"),
        functools.partial(export.diary_html, loaded_folder(), lang, chosen_pain(), goals),
        t(lang, "diary.filename"),
        "diary",
        icon=":material/edit_calendar:",
        help=t(lang, "diary.button_help"),
        key=key,
    )
