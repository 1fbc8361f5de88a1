"""Load and validate the explainer's CSV files: one place, typed results or a list of problems."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

LANGUAGES = ("en", "es")
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MAX_FILE_BYTES = 1_000_000
MAX_CELL_CHARS = 2_000


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id, text, link, percent, number, int, year, date, choice, source
    required: bool = True
    translated: bool = False
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 100

    def csv_names(self) -> list[str]:
        if self.translated:
            return [f"{self.name}_{lang}" for lang in LANGUAGES]
        return [self.name]


@dataclass(frozen=True)
class Table:
    file: str
    columns: tuple[Column, ...]
    id_column: str | None = None
    exactly_one_row: bool = False
    low_high: tuple[str, str] | None = None
    # Checks across columns of one row: (typed row) -> [(column, code, params)].
    row_rule: Callable[[dict], list[tuple[str, str, dict]]] | None = None

    def csv_names(self) -> list[str]:
        return [name for column in self.columns for name in column.csv_names()]


PROBLEM_CODES = frozenset(
    {
        "sources_unreadable", "file_missing", "file_too_large", "not_utf8", "nul_byte", "bad_csv", "empty_file",
        "no_rows", "exactly_one_row", "duplicate_column", "missing_column", "unknown_column", "field_count",
        "too_long", "control_character", "required", "bad_id", "bad_choice", "unknown_source", "bad_date",
        "bad_link", "unknown_figure", "not_a_number", "not_whole", "out_of_range",
        "low_above_high", "pair_incomplete", "duplicate_id",
        "value_needed", "value_not_allowed",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, kept as a code so it can be said in any language."""

    file: str
    row: int | None
    column: str | None
    code: str
    params: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if self.code not in PROBLEM_CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    def where(self) -> str:
        row = "-" if self.row is None else str(self.row)
        return f"{self.file}:{row}:{self.column or '-'}"


@dataclass(frozen=True)
class Loaded:
    """A validated table (None when it has problems) and the problems found."""

    frame: pd.DataFrame | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


SOURCES = Table(
    "sources.csv",
    (
        Column("source_id", "id"),
        Column("citation", "text"),
        Column("kind", "text", translated=True),
        Column("year", "year", required=False, low=1900, high=2100),
        Column("last_reviewed", "date"),
        Column("link", "link", required=False),
    ),
    id_column="source_id",
)

OUTCOMES = Table(
    "outcomes.csv",
    (
        Column("figure_id", "id"),
        Column(
            "measure",
            "choice",
            choices=("pain_reduction", "share_of_patients", "quality_of_life"),
        ),
        Column("value_low", "percent"),
        Column("value_high", "percent"),
        Column("result", "text", translated=True),
        Column("in_whom", "text", translated=True),
        Column("study", "text", translated=True),
        Column("source_id", "source"),
    ),
    id_column="figure_id",
    low_high=("value_low", "value_high"),
)

RISKS = Table(
    "risks.csv",
    (
        Column("risk_id", "id"),
        Column("name", "text", translated=True),
        Column("rate_low", "percent", required=False),
        Column("rate_high", "percent", required=False),
        Column("per_100", "text", translated=True, required=False),
        Column("time_span", "text", translated=True, required=False),
        Column("detail", "text", translated=True),
        Column("in_article", "choice", choices=("yes", "no")),
        Column("source_id", "source"),
    ),
    id_column="risk_id",
    low_high=("rate_low", "rate_high"),
)

PROCEDURE = Table(
    "procedure.csv",
    (
        Column("step_id", "id"),
        Column("order", "int", low=1, high=99),
        Column("title", "text", translated=True),
        Column("what_happens", "text", translated=True),
        Column("how_long", "text", translated=True),
        Column("numbing", "text", translated=True, required=False),
        Column("you_do", "text", translated=True),
        Column("note", "text", translated=True, required=False),
        Column("source_id", "source"),
    ),
    id_column="step_id",
)

CLINIC = Table(
    "clinic.csv",
    (
        Column("clinic_name", "text"),
        Column("physician", "text"),
        Column("address", "text"),
        Column("phone", "text"),
        Column("source_id", "source"),
    ),
    exactly_one_row=True,
)


def _values_fit_their_unit(row: dict) -> list[tuple[str, str, dict]]:
    """Shares of patients are 0-100 and need the SCS value; score changes may be negative; "none" has no values."""
    problems = []
    values = {name: row.get(name) for name in ("value_with", "value_without")}
    if row.get("unit") == "none":
        problems += [(name, "value_not_allowed", {}) for name, value in values.items() if _is_number(value)]
    elif row.get("unit") in ("percent_of_patients", "points"):
        if not _is_number(values["value_with"]):
            problems.append(("value_with", "value_needed", {"unit": row["unit"]}))
        low = 0 if row["unit"] == "percent_of_patients" else -100
        for name, value in values.items():
            if _is_number(value) and not low <= value <= 100:
                problems.append((name, "out_of_range", {"value": value, "low": low, "high": 100}))
    return problems


TRIALS = Table(
    "trials.csv",
    (
        Column("trial_id", "id"),
        Column("study", "text"),
        Column(
            "comparison",
            "choice",
            choices=("no_stimulator", "repeat_surgery", "placebo", "another_stimulator", "review", "routine_practice"),
        ),
        Column("group", "text", translated=True),
        Column("with", "text", translated=True),
        Column("without", "text", translated=True, required=False),
        Column("outcome", "text", translated=True),
        Column("time_span", "text", translated=True),
        Column("value_with", "number", required=False, low=-100, high=100),
        Column("value_without", "number", required=False, low=-100, high=100),
        Column("unit", "choice", choices=("percent_of_patients", "points", "none")),
        Column("counts_with", "text", required=False),
        Column("counts_without", "text", required=False),
        Column("note", "text", translated=True, required=False),
        Column("verified", "choice", choices=("yes", "no")),
        Column("source_id", "source"),
    ),
    id_column="trial_id",
    row_rule=_values_fit_their_unit,
)

TRIAL_WEEK = Table(
    "trial_week.csv",
    (
        Column("tip_id", "id"),
        Column("tip", "text", translated=True),
        Column("source_id", "source"),
    ),
    id_column="tip_id",
)

OPTION_QUESTIONS = ("involves", "relief_leg", "relief_back", "harms", "undo", "over_time")
OPTION_CHOICES = ("scs", "current_care", "another_operation")


def _figure_is_named_in_full(row: dict) -> list[tuple[str, str, dict]]:
    """A trial figure needs both the trial row and its side (with, without, or the trial's note)."""
    if bool(row.get("trial_id")) == bool(row.get("side")):
        return []
    missing = "side" if row.get("trial_id") else "trial_id"
    return [(missing, "pair_incomplete", {"other": "side" if missing == "trial_id" else "trial_id"})]


OPTIONS = Table(
    "options.csv",
    (
        Column("cell_id", "id"),
        Column("question", "choice", choices=OPTION_QUESTIONS),
        Column("option", "choice", choices=OPTION_CHOICES),
        Column("text", "text", translated=True),
        Column("trial_id", "id", required=False),
        Column("side", "choice", required=False, choices=("with", "without", "note")),
        Column("risk_id", "id", required=False),
        Column("source_id", "source"),
    ),
    id_column="cell_id",
    row_rule=_figure_is_named_in_full,
)

TABLES = (SOURCES, OUTCOMES, RISKS, PROCEDURE, CLINIC, TRIALS, TRIAL_WEEK, OPTIONS)


def source_numbers(source_ids) -> dict[str, int]:
    """One number per source, in the order of sources.csv: the same [n] in the handout, the diary and the guide."""
    return {source_id: number for number, source_id in enumerate(source_ids, 1)}


def data_dir_from_env() -> Path:
    """The folder the app reads: EXPLAINER_DATA_DIR when set, else the bundled data/."""
    return Path(os.environ.get("EXPLAINER_DATA_DIR") or DEFAULT_DATA_DIR)


def load_sources(data_dir: Path) -> Loaded:
    return _load_table(SOURCES, Path(data_dir), known_sources=None)


def load_outcomes(data_dir: Path) -> Loaded:
    return _load_with_sources(OUTCOMES, Path(data_dir))


def load_risks(data_dir: Path) -> Loaded:
    return _load_with_sources(RISKS, Path(data_dir))


def load_procedure(data_dir: Path) -> Loaded:
    loaded = _load_with_sources(PROCEDURE, Path(data_dir))
    if loaded.frame is None:
        return loaded
    return Loaded(loaded.frame.sort_values("order").reset_index(drop=True), ())


def load_clinic(data_dir: Path) -> Loaded:
    return _load_with_sources(CLINIC, Path(data_dir))


def load_trial_week(data_dir: Path) -> Loaded:
    """What to do and avoid during the trial week, for the diary."""
    return _load_with_sources(TRIAL_WEEK, Path(data_dir))


def load_trials(data_dir: Path) -> Loaded:
    """Trial and review figures; only rows marked verified = yes are returned for display."""
    loaded = _load_with_sources(TRIALS, Path(data_dir))
    if loaded.frame is None:
        return loaded
    verified = loaded.frame[loaded.frame["verified"] == "yes"].reset_index(drop=True)
    return Loaded(verified, ())


def load_options(data_dir: Path) -> Loaded:
    """The options side by side. A cell's figure is a verified trial row or a risk row, never a number of its own."""
    loaded = _load_with_sources(OPTIONS, Path(data_dir))
    if loaded.frame is None:
        return loaded
    trials, risks = load_trials(data_dir), load_risks(data_dir)
    if not (trials.ok and risks.ok):
        return Loaded(None, (*trials.problems, *risks.problems))  # the grid's figures cannot be read
    problems = _unknown_figures(loaded.frame, set(trials.frame["trial_id"]), set(risks.frame["risk_id"]))
    return Loaded(None, problems) if problems else loaded


def _unknown_figures(options: pd.DataFrame, trial_ids: set[str], risk_ids: set[str]) -> tuple[Problem, ...]:
    problems = []
    for offset, cell in enumerate(options.to_dict("records")):
        for column, known, file in (("trial_id", trial_ids, TRIALS.file), ("risk_id", risk_ids, RISKS.file)):
            if cell[column] and cell[column] not in known:
                params = {"value": cell[column], "file": file}
                problems.append(Problem(OPTIONS.file, offset + 2, column, "unknown_figure", params))
    return tuple(problems)


@dataclass(frozen=True)
class DataReport:
    problems: list[Problem]
    row_counts: dict[str, int]


def check_data(data_dir: Path) -> DataReport:
    """Every problem in every file of a data folder, each reported once, and the rows of each valid file."""
    data_dir = Path(data_dir)
    sources = load_sources(data_dir)
    known = set(sources.frame["source_id"]) if sources.ok else None
    loaded = {SOURCES.file: sources}
    for table in TABLES[1:]:
        loaded[table.file] = _load_table(table, data_dir, known_sources=known)
        if known is None and loaded[table.file].ok:
            unchecked = Problem(table.file, None, "source_id", "sources_unreadable")
            loaded[table.file] = Loaded(None, (unchecked,))
    options, trials, risks = (loaded[table.file] for table in (OPTIONS, TRIALS, RISKS))
    if options.ok and trials.ok and risks.ok:
        verified = set(trials.frame.loc[trials.frame["verified"] == "yes", "trial_id"])
        figures = _unknown_figures(options.frame, verified, set(risks.frame["risk_id"]))
        if figures:
            loaded[OPTIONS.file] = Loaded(None, figures)
    return DataReport(
        problems=[problem for result in loaded.values() for problem in result.problems],
        row_counts={file: len(result.frame) for file, result in loaded.items() if result.ok},
    )


def _load_with_sources(table: Table, data_dir: Path) -> Loaded:
    sources = load_sources(data_dir)
    if not sources.ok:
        problem = Problem(table.file, None, "source_id", "sources_unreadable")
        return Loaded(None, (problem, *sources.problems))
    return _load_table(table, data_dir, known_sources=set(sources.frame["source_id"]))


def _load_table(table: Table, data_dir: Path, known_sources: set[str] | None) -> Loaded:
    rows, problems = _read_rows(table, data_dir / table.file)
    if problems:
        return Loaded(None, tuple(problems))
    header, records = rows[0], rows[1:]
    problems = _check_header(table, header)
    if problems:
        return Loaded(None, tuple(problems))
    if table.exactly_one_row and len(records) != 1:
        problems.append(Problem(table.file, None, None, "exactly_one_row", {"count": len(records)}))
    elif not records:
        problems.append(Problem(table.file, None, None, "no_rows"))

    typed_rows = []
    seen_ids: dict[str, int] = {}
    for offset, record in enumerate(records):
        row_number = offset + 2  # the header is row 1, as in a spreadsheet
        if len(record) != len(header):
            problems.append(
                Problem(
                    table.file,
                    row_number,
                    None,
                    "field_count",
                    {"expected": len(header), "found": len(record)},
                )
            )
            continue
        cells = dict(zip(header, record, strict=True))
        typed, row_problems = _check_row(table, row_number, cells, known_sources)
        problems.extend(row_problems)
        if table.id_column and typed.get(table.id_column):
            first = seen_ids.setdefault(typed[table.id_column], row_number)
            if first != row_number:
                problems.append(
                    Problem(
                        table.file,
                        row_number,
                        table.id_column,
                        "duplicate_id",
                        {"value": typed[table.id_column], "first_row": first},
                    )
                )
        typed_rows.append(typed)

    if problems:
        return Loaded(None, tuple(problems))
    return Loaded(pd.DataFrame(typed_rows, columns=table.csv_names()), ())


def _read_rows(table: Table, path: Path) -> tuple[list[list[str]], list[Problem]]:
    def problem(code: str, row: int | None = None, **params) -> list[Problem]:
        return [Problem(table.file, row, None, code, params)]

    if not path.is_file():
        return [], problem("file_missing", folder=str(path.parent))
    if path.stat().st_size > MAX_FILE_BYTES:
        return [], problem("file_too_large", limit_kb=MAX_FILE_BYTES // 1000)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        return [], problem("not_utf8", row=row)
    if "\x00" in text:
        return [], problem("nul_byte", row=text[: text.index("\x00")].count("\n") + 1)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        return [], problem("bad_csv", row=reader.line_num, detail=str(error))
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return [], problem("empty_file")
    return rows, []


def _check_header(table: Table, header: list[str]) -> list[Problem]:
    problems = []
    expected = table.csv_names()
    for name in sorted({name for name in header if header.count(name) > 1}):
        problems.append(Problem(table.file, 1, name, "duplicate_column"))
    for name in expected:
        if name not in header:
            problems.append(Problem(table.file, 1, name, "missing_column"))
    for name in header:
        if name not in expected:
            problems.append(
                Problem(table.file, 1, name or "(blank)", "unknown_column", {"expected": ", ".join(expected)})
            )
    return problems


def _check_row(
    table: Table, row: int, cells: dict[str, str], known_sources: set[str] | None
) -> tuple[dict, list[Problem]]:
    typed: dict = {}
    problems: list[Problem] = []
    for column in table.columns:
        for name in column.csv_names():
            value, code, params = _parse_cell(column, cells[name], known_sources)
            if code:
                problems.append(Problem(table.file, row, name, code, params))
            typed[name] = value
    if table.low_high:
        low_name, high_name = table.low_high
        low, high = typed.get(low_name), typed.get(high_name)
        has_low, has_high = _is_number(low), _is_number(high)
        if has_low != has_high and not any(p.column in table.low_high for p in problems):
            missing = high_name if has_low else low_name
            problems.append(
                Problem(table.file, row, missing, "pair_incomplete", {"other": low_name if has_low else high_name})
            )
        elif has_low and has_high and low > high:
            params = {"low": cells[low_name].strip(), "high": cells[high_name].strip()}
            problems.append(Problem(table.file, row, low_name, "low_above_high", params))
    if table.row_rule and not problems:
        problems += [Problem(table.file, row, column, code, params) for column, code, params in table.row_rule(typed)]
    return typed, problems


def _parse_cell(column: Column, raw: str, known_sources: set[str] | None) -> tuple[object, str | None, dict]:
    value = raw.strip()
    if len(value) > MAX_CELL_CHARS:
        return None, "too_long", {"limit": MAX_CELL_CHARS}
    if any(unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs") and char not in "\n\t" for char in value):
        return None, "control_character", {}
    if not value:
        if column.required:
            return None, "required", {}
        return None if column.kind in ("percent", "number", "int", "year") else "", None, {}
    kind = column.kind
    if kind == "id":
        if not all(char.isascii() and (char.isalnum() or char in "-_") for char in value):
            return None, "bad_id", {"value": value}
        return value, None, {}
    if kind == "text":
        return value, None, {}
    if kind == "link":
        # Shown as a link a patient may follow: a public web address, nothing a browser would run.
        if not value.startswith("https://") or any(char.isspace() or char in "<>\"'" for char in value):
            return None, "bad_link", {"value": value}
        return value, None, {}
    if kind == "choice":
        if value not in column.choices:
            return None, "bad_choice", {"value": value, "choices": ", ".join(column.choices)}
        return value, None, {}
    if kind == "source":
        if known_sources is not None and value not in known_sources:
            return None, "unknown_source", {"value": value}
        return value, None, {}
    if kind == "date":
        try:
            return dt.date.fromisoformat(value), None, {}
        except ValueError:
            return None, "bad_date", {"value": value}
    number = _to_number(value)
    if number is None:
        return None, "not_a_number", {"value": value}
    if kind in ("int", "year"):
        if number != int(number):
            return None, "not_whole", {"value": value}
        number = int(number)
    if not column.low <= number <= column.high:
        return None, "out_of_range", {"value": value, "low": column.low, "high": column.high}
    return number, None, {}


def _to_number(value: str) -> float | None:
    try:
        number = float(value.removesuffix("%").strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
