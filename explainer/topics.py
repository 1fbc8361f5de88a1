"""The topic table: every topic's app address, guide page, title, icon and the data rows it names by id.

The app's pages, the guide, the handout, the wrap-up, deploy/ and bench/ read this table; nothing else
lists topics or row ids. A row named here is part of the data contract: check-data, data.load_folder and
the app report it as missing when a clinic's folder lacks it, instead of a page failing on it. Light on
purpose: no pandas, no Streamlit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# The wrap-up's note for the medical record (explainer/wrapup.py) lists a figure only once a topic that
# shows it was shown in this session: each topic's in_note names those figures by table.
CLINIC_FIGURES = ("pain-reduction", "relief-share-85", "relief-share-72")


@dataclass(frozen=True)
class Topic:
    """One topic of the explainer, in the app (a page), in the guide (a page), or in both."""

    name: str
    address: str | None  # the app's address, stable because physicians bookmark it; "" is the overview
    guide_file: str | None  # the guide's page for the same topic
    app_title: str | None = None  # key under [app]
    guide_title: str | None = None  # key under [guide]
    icon: str | None = None
    link_label: str | None = None  # key under [overview] when the overview links to this topic
    # The figures (table -> row ids) the wrap-up's note lists once this topic was shown.
    in_note: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The data rows the topic shows by id: table name (as in data.LOADERS) -> role -> row ids.
    rows: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def page_file(self) -> str:
        """The app's page file, named after its address: Streamlit's legacy discovery finds it by that name."""
        return f"pages/{self.address or 'overview'}.py"

    def ids(self, table: str, role: str) -> tuple[str, ...]:
        return self.rows[table][role]


OVERVIEW = Topic(
    "overview", "", "index.html", "nav_overview", "nav_overview", ":material/home:",
    in_note={"outcomes": (*CLINIC_FIGURES, "quality-of-life"), "trials": ("PROCESS-6m", "PROMISE-6m")},
    rows={
        "trials": {
            "cards": ("PROCESS-6m", "PROMISE-6m"),
            # The balance beside the clinic's figures here and on every take-home page (explainer/balance.py).
            "balance": ("PROCESS-6m",),
            "placebo": ("Hara-2022",),
            "review": ("Cochrane-2023",),
            "path": ("Trial-conversion-US",),
            # The key points that open and close the guide's first page, the handout and the summary
            # (explainer/key_points.py): leg pain halved with and without the stimulator; the placebo is "placebo".
            "key_leg_pain": ("PROCESS-6m",),
        },
        "risks": {
            "balance": ("any-complication", "infection", "device-removed-5y"),
            "key_repair": ("repeat-surgery",),  # how many needed another operation on the device
            "key_fading": ("device-removed-5y",),  # the relief can fade: devices taken out, most often for that
            # the main harms as grids of 100 people on the guide's first page, like the benefits' grids: the
            # balance's harms and another operation on the device, so that each harm's number has its picture
            "harm_grids": ("any-complication", "repeat-surgery", "device-removed-5y", "infection"),
        },
    },
)  # fmt: skip
OPTIONS = Topic(
    "options", "options", "options.html", "nav_options", "nav_options", ":material/balance:",
    link_label="topic_options",
    in_note={
        "trials": ("PROCESS-6m", "PROMISE-6m", "North-2005"),
        "risks": ("any-complication", "repeat-surgery", "device-removed-5y", "device-removed-se-5y"),
    },
)  # fmt: skip
OUTCOMES = Topic(
    "outcomes", "outcomes", "results.html", "nav_outcomes", "nav_results", ":material/bar_chart:",
    link_label="topic_outcomes", in_note={"outcomes": (*CLINIC_FIGURES, "quality-of-life")},
    rows={"trials": {"pain_chance": ("PROCESS-6m", "Hara-2022")}},  # beside "your pain today"
)  # fmt: skip
EVIDENCE = Topic(
    "evidence", "evidence", "trials.html", "nav_evidence", "nav_trials", ":material/fact_check:",
    link_label="topic_evidence",
    in_note={
        "outcomes": CLINIC_FIGURES,
        "trials": ("PROCESS-6m", "PROMISE-6m", "North-2005"),
        "risks": ("any-complication", "repeat-surgery", "infection", "device-removed-5y", "device-removed-se-5y"),
    },
    rows={
        # "Two ways to count relief": the clinic's range and its two shares beside one trial result.
        "outcomes": {"measures": ("pain-reduction", "relief-share-85", "relief-share-72")},
        "trials": {
            "measures": ("PROCESS-6m",),
            "grids": ("PROCESS-6m", "North-2005", "PROMISE-6m"),  # drawn as grids, in this order
            "later_process": ("PROCESS-12m", "PROCESS-24m"),  # the guide says these in words
            "against_surgery": ("North-2005",),
            "crossover": ("North-2005-crossover",),
            "nice": ("North-2005-NICE",),  # the same trial as NICE re-analysed it
            "placebo": ("Hara-2022",),
            "review": ("Cochrane-2023",),
            "switching": ("PROCESS-12m",),
            "leg_back": ("PROMISE-6m",),
            "path": ("Trial-conversion-US",),
            "fact_box": ("PROCESS-6m", "PROCESS-12m", "PROCESS-24m", "PROMISE-6m"),
        },
        "risks": {
            # one harm over 5 and over 10 years, in a UK and a Swedish study (views.REMOVALS)
            "removed": ("device-removed-5y", "device-removed-10y", "device-removed-se-5y", "device-removed-se-10y"),
            "fact_box": (
                "repeat-surgery", "any-complication", "infection", "device-removed-5y", "device-removed-se-5y"
            ),
        },
    },
)  # fmt: skip
PROCEDURE = Topic(
    "procedure", "procedure", "procedure.html", "nav_procedure", "nav_procedure", ":material/format_list_numbered:",
    link_label="topic_procedure",
)  # fmt: skip
RISKS = Topic(
    "risks", "risks", "risks.html", "nav_risks", "nav_risks", ":material/warning:",
    link_label="topic_risks",
    in_note={
        "risks": ("any-complication", "repeat-surgery", "infection", "device-removed-5y", "device-removed-se-5y")
    },
)  # fmt: skip
FOR_ME = Topic("for_me", "for-me", "questions.html", "nav_for_me", "nav_questions", ":material/person:")
DIARY = Topic(
    "diary", None, "diary.html", guide_title="nav_diary",
    rows={"procedure": {"decision": ("decision",)}},  # the trial's mark of success, on the diary
)  # fmt: skip
SOURCES = Topic(
    "sources", "sources", "sources.html", "nav_sources", "nav_sources", ":material/menu_book:",
    link_label="topic_sources",
)  # fmt: skip
DECIDE = Topic(
    "decide", "decide", None, "nav_decide", icon=":material/checklist:",
    rows={
        # The understanding check's right answers are worked out from these rows (explainer/decide.py).
        "trials": {"check": ("PROCESS-6m", "Hara-2022", "Trial-conversion-US")},
        "risks": {"check": ("repeat-surgery", "infection")},
    },
)  # fmt: skip
WRAP_UP = Topic(
    "wrap_up", "wrap-up", None, "nav_wrapup", icon=":material/qr_code_2:",
    rows={
        "trials": {"note": ("PROCESS-6m", "PROMISE-6m", "North-2005"), "summary": ("PROCESS-6m", "PROMISE-6m")},
        "risks": {
            "note": ("any-complication", "repeat-surgery", "infection", "device-removed-5y", "device-removed-se-5y")
        },
    },
)  # fmt: skip

# In reading order: the app and the guide each show their own topics in this order.
TOPICS = (OVERVIEW, OPTIONS, OUTCOMES, EVIDENCE, PROCEDURE, RISKS, FOR_ME, DIARY, SOURCES, DECIDE, WRAP_UP)
# The handout's trials: the fact box's benefits, then SCS against another operation (NICE's second count of that
# trial is on the Trials page of the app and the guide, not on the handout: two counts of one result confuse).
HANDOUT_TRIALS = (*EVIDENCE.ids("trials", "fact_box"), *EVIDENCE.ids("trials", "against_surgery"))


def in_app() -> list[Topic]:
    return [topic for topic in TOPICS if topic.address is not None]


def in_guide() -> list[Topic]:
    return [topic for topic in TOPICS if topic.guide_file is not None]


def by_address(address: str) -> Topic:
    return next(topic for topic in TOPICS if topic.address == address)


def in_note(addresses_seen) -> dict[str, set[str]]:
    """The figures the wrap-up's note may list after these topics (by address) were shown, by table."""
    figures: dict[str, set[str]] = {}
    for topic in in_app():
        if topic.address in addresses_seen:
            for table, ids in topic.in_note.items():
                figures.setdefault(table, set()).update(ids)
    return figures


def named_rows() -> dict[str, tuple[str, ...]]:
    """Every row id some topic names, by table: the rows a data folder must hold."""
    named: dict[str, dict[str, None]] = {}
    for topic in TOPICS:
        for table, roles in topic.rows.items():
            for ids in roles.values():
                named.setdefault(table, {}).update(dict.fromkeys(ids))
    return {table: tuple(ids) for table, ids in named.items()}
