"""Streamlit helpers the pages share: the language, cached data, the error box, charts."""

from __future__ import annotations

import functools
import gc
import json
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit import dataframe_util

from explainer import data, export
from explainer.diagram import STAGES, implant_diagram
from explainer.text import language_from_locale, problem_message, problem_place, t
from explainer.views import ChartView

DEFAULT_PAIN = 8
DIAGRAM_WIDTH = 340  # fits a 390 px phone
MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=\"'")


def current_language() -> str:
    """The language every page starts from; first it makes sure app.py's router is in charge."""
    _leave_legacy_page_discovery()
    return st.session_state.get("lang") or language_from_locale(st.context.locale)


def _leave_legacy_page_discovery() -> None:
    """Hand a deep link that arrived through the legacy pages/ discovery back to app.py.

    Streamlit 1.67 treats a folder named pages/ with its legacy auto-discovery until the
    first st.navigation call after a start, so a first visit to /risks would run the page
    without the router (no language, no consult mode). Switching that off and rerunning
    sends this visit, and every later one, through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@functools.cache  # once per process
def freeze_startup_objects() -> None:
    """Keep the objects loaded at start out of the garbage collection Streamlit runs after every rerun.

    Streamlit calls a full collection after each script run (runner.postScriptGC). Its cost
    grows with every object alive in the process, and nearly all of them are the libraries
    loaded at start, which live as long as the server. Frozen once, they are skipped, so a
    rerun's collection looks only at what came after. Memory is still freed as usual.
    """
    gc.freeze()


def plain(text: str) -> str:
    """Data text made safe for st.markdown: every markdown character is shown as itself."""
    return "".join(f"\\{char}" if char in MARKDOWN_SPECIAL else char for char in str(text))


def phone_link(phone: str) -> str:
    """The clinic's number as a link a phone can call; the address keeps only digits and a leading +."""
    number = re.sub(r"(?!^\+)[^\d]", "", str(phone).strip())
    return f"[{plain(phone)}](tel:{number})" if number.strip("+") else plain(phone)


def _data_stamp(data_dir: Path) -> tuple:
    """Changes whenever a CSV in the folder changes, so edited data is picked up at once."""
    try:
        entries = list(os.scandir(data_dir))
    except OSError:
        return ()
    stats = ((entry.name, entry.stat()) for entry in entries if entry.name.endswith(".csv"))
    return tuple(sorted((name, stat.st_mtime_ns, stat.st_size) for name, stat in stats))


# One shared, read-only copy per process: pages never change a loaded table, so no copy per call is needed.
@st.cache_resource(show_spinner=False, max_entries=64)
def _load(loader_name: str, data_dir: str, stamp: tuple) -> data.Loaded:
    return getattr(data, loader_name)(Path(data_dir))


def load(loader_name: str) -> data.Loaded:
    """A loader from explainer.data, run on the app's data folder and cached until a file changes."""
    data_dir = data.data_dir_from_env()
    return _load(loader_name, str(data_dir), _data_stamp(data_dir))


def show_problems(problems: tuple[data.Problem, ...], lang: str) -> None:
    """The plain-words error box for broken data; the page stops here, the app does not."""
    lines = [f"- **{plain(problem_place(p, lang))}:** {plain(problem_message(p, lang))}" for p in problems]
    st.error(
        f"**{t(lang, 'problem.box_heading')}**\n\n{t(lang, 'problem.box_intro')}\n\n" + "\n".join(lines),
        icon=":material/error:",
    )


class PageStopped(Exception):
    """A page showed why it cannot go on (its data is broken); app.py still draws the rest of the frame."""


def loaded_or_stop(loader_name: str, lang: str):
    """The validated table, or the error box and an end to this page's script."""
    loaded = load(loader_name)
    if not loaded.ok:
        show_problems(loaded.problems, lang)
        raise PageStopped(loader_name)
    return loaded.frame


def rows_by_id(frame: pd.DataFrame, id_column: str) -> dict[str, dict]:
    """A validated table as plain rows keyed by their id: quick lookups, and no new table each run."""
    return {row[id_column]: row for row in frame.to_dict("records")}


def citations_by_id(sources: pd.DataFrame) -> dict[str, str]:
    return dict(zip(sources["source_id"], sources["citation"], strict=True))


def numbered_sources(source_ids, citations) -> tuple[list[str], str]:
    """Short marks ([1], [2] ...) for a table's source column, and the numbered list to print under it."""
    order = list(dict.fromkeys(source_ids))
    marks = [f"[{order.index(source_id) + 1}]" for source_id in source_ids]
    listing = "  \n".join(f"\\[{number}\\] {plain(citations[source_id])}" for number, source_id in enumerate(order, 1))
    return marks, listing


def show_view(builder: Callable[..., ChartView | None], row: Mapping, lang: str, *extra) -> bool:
    """A chart from explainer.views in our own readable style, with its text alternative.

    The finished spec is kept per process, keyed by the builder's plain inputs, with its data
    already in Arrow form, so a rerun builds, validates and converts nothing it has drawn
    before. Returns False when the view has no chart.
    """
    consult = bool(st.session_state.get("consult"))
    key = (builder.__name__, json.dumps(dict(row), default=str, sort_keys=True), lang, extra, consult)
    if key not in _SPECS:
        if len(_SPECS) > MAX_CACHED_SPECS:
            _SPECS.clear()
        view = builder(row, lang, *extra)
        if view is not None:
            spec = _spec_with_arrow_data(view.chart)
            _SPECS[key] = (_across_the_room(spec) if consult else spec, view.alt_text)
        else:
            _SPECS[key] = None
    if _SPECS[key] is None:
        return False
    spec, alt_text = _SPECS[key]
    # Streamlit takes the datasets out of the dict it is given: hand it a copy of the top level.
    st.vega_lite_chart({**spec, "datasets": dict(spec["datasets"])}, width="stretch", theme=None, alt=alt_text)
    return True


MAX_CACHED_SPECS = 4096
_SPECS: dict[tuple, tuple[dict, str] | None] = {}


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


def _spec_with_arrow_data(chart) -> dict:
    """The Vega-Lite spec with each dataset converted once to the Arrow bytes Streamlit sends."""
    spec = chart.to_dict()
    # No chart here binds a parameter to a form control, so Vega adds no empty <form class="vega-bindings">.
    spec.setdefault("config", {})["events"] = {"bind": "none"}
    spec["datasets"] = {
        name: dataframe_util.convert_anything_to_arrow_bytes(pd.DataFrame(values))
        for name, values in spec.get("datasets", {}).items()
    }
    return spec


def remembered(key: str, widget_key: str, default) -> Callable[[], None]:
    """Seed a widget from this session's memory and return the on_change that copies changes back.

    Widget state is dropped when its page is left; the value under `key` is not, so every page
    shares it. It lives in this browser session's memory only, never stored.
    """
    st.session_state.setdefault(key, default)
    if widget_key not in st.session_state:
        st.session_state[widget_key] = st.session_state[key]
    return lambda: st.session_state.update({key: st.session_state[widget_key]})


def pain_slider(lang: str, key: str) -> int:
    """The "your pain today" control, shared by every page through "my_pain"."""
    st.session_state.setdefault("my_pain", DEFAULT_PAIN)
    if key not in st.session_state:
        st.session_state[key] = st.session_state.my_pain
    return st.slider(
        t(lang, "outcomes.your_pain_label"),
        0,
        10,
        key=key,
        help=t(lang, "outcomes.your_pain_help"),
        on_change=_pain_chosen,
        args=(key,),
    )


def _pain_chosen(widget_key: str) -> None:
    st.session_state.my_pain = st.session_state[widget_key]
    st.session_state.my_pain_chosen = True


def chosen_pain() -> int | None:
    """The pain score the patient set on the control, or None while it is untouched (it starts at 8)."""
    return st.session_state.get("my_pain") if st.session_state.get("my_pain_chosen") else None


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


def diary_download(lang: str, key: str) -> None:
    """The trial week diary, built in memory on click, with the patient's pain only if they chose one."""
    st.download_button(
        t(lang, "diary.button"),
        data=functools.partial(export.diary_html, data.data_dir_from_env(), lang, chosen_pain()),
        file_name=t(lang, "diary.filename"),
        mime="text/html",
        icon=":material/edit_calendar:",
        help=t(lang, "diary.button_help"),
        on_click="ignore",
        key=key,
    )
