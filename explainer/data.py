"""Load and validate the explainer's CSV files: one place, typed results or a list of problems.

The contract is data/datapackage.json, a Frictionless Data Package: every column's type, whether it is
required, its range or choices, the unique ids and the links to sources.csv. frictionless checks a file
against it. This module adds what a Table Schema cannot say (the bytes of the file, columns matched by
name, rules across the cells of a row) and turns every finding into a Problem a patient never sees as a
traceback.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import functools
import io
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from explainer import topics
from explainer.data_folder import DEFAULT_DATA_DIR
from explainer.languages import LANGUAGES  # noqa: F401  (the languages' columns are the contract's)

# The contract travels with the app: a clinic's own folder (EXPLAINER_DATA_DIR) holds only its CSV files.
CONTRACT = DEFAULT_DATA_DIR / "datapackage.json"
MAX_FILE_BYTES = 1_000_000

PROBLEM_CODES = frozenset(
    {
        "sources_unreadable", "file_missing", "file_too_large", "not_utf8", "nul_byte", "bad_csv", "empty_file",
        "no_rows", "exactly_one_row", "duplicate_column", "missing_column", "unknown_column", "field_count",
        "too_long", "control_character", "required", "bad_id", "bad_choice", "unknown_source", "bad_date",
        "bad_link", "unknown_figure", "not_a_number", "not_whole", "out_of_range",
        "low_above_high", "pair_incomplete", "duplicate_id",
        "value_needed", "value_not_allowed", "check_stopped", "required_row", "required_row_unverified",
        "reason_incomplete",
    }
)  # fmt: skip


# What a clinic's folder may not do (issue 27): a link out of the folder, a change the words cannot say,
# a review date still to come. In their own set and functions, so other checks merge beside them.
FOLDER_AND_SENSE_CODES = frozenset(
    {"link_outside_folder", "change_went_up", "date_in_future", "address_in_text", "formula_in_text"}
)
PROBLEM_CODES = PROBLEM_CODES | FOLDER_AND_SENSE_CODES


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


@functools.cache
def contract() -> dict:
    """data/datapackage.json, read once."""
    return json.loads(CONTRACT.read_text(encoding="utf-8"))


@functools.cache
def resource(file: str) -> dict:
    """The contract's description of one CSV file (shared: copy it before changing it)."""
    return next(item for item in contract()["resources"] if item["path"] == file)


def column_names(file: str) -> list[str]:
    """A file's columns, in the order of the contract."""
    return [column["name"] for column in resource(file)["schema"]["fields"]]


FILES = tuple(item["path"] for item in contract()["resources"])
SOURCES_FILE = "sources.csv"

# What a Table Schema cannot say, by file: a low and a high value, checks across a row's cells.
LOW_HIGH = {"outcomes.csv": ("value_low", "value_high"), "risks.csv": ("rate_low", "rate_high")}
EXACTLY_ONE_ROW = {"clinic.csv"}


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


def _figure_is_named_in_full(row: dict) -> list[tuple[str, str, dict]]:
    """A trial figure needs both the trial row and its side (with, without, or the trial's note)."""
    if bool(row.get("trial_id")) == bool(row.get("side")):
        return []
    missing = "side" if row.get("trial_id") else "trial_id"
    return [(missing, "pair_incomplete", {"other": "side" if missing == "trial_id" else "trial_id"})]


WATCH_FOR_REASON = ("why_en", "why_es", "why_source_id")


def _reason_is_whole(row: dict) -> list[tuple[str, str, dict]]:
    """A reason to watch for something is said in both languages and names its source, or it is left out."""
    if not any(row.get(name) for name in WATCH_FOR_REASON):
        return []
    params = {"columns": ", ".join(WATCH_FOR_REASON)}
    return [(name, "reason_incomplete", params) for name in WATCH_FOR_REASON if not row.get(name)]


ROW_RULES: dict[str, Callable[[dict], list[tuple[str, str, dict]]]] = {
    "trials.csv": _values_fit_their_unit,
    "options.csv": _figure_is_named_in_full,
    "watch_for.csv": _reason_is_whole,
}
OPTION_QUESTIONS = tuple(resource("options.csv")["schema"]["fields"][1]["constraints"]["enum"])
OPTION_CHOICES = tuple(resource("options.csv")["schema"]["fields"][2]["constraints"]["enum"])


def load_sources(data_dir: Path) -> Loaded:
    return _load_table(SOURCES_FILE, Path(data_dir), sources_ok=False)


def load_outcomes(data_dir: Path, sources: Loaded | None = None) -> Loaded:
    return _with_named_rows("outcomes", *_read("outcomes", Path(data_dir), sources))


def load_risks(data_dir: Path, sources: Loaded | None = None) -> Loaded:
    return _with_named_rows("risks", *_read("risks", Path(data_dir), sources))


def load_procedure(data_dir: Path, sources: Loaded | None = None) -> Loaded:
    """The steps in their order."""
    return _with_named_rows("procedure", *_read("procedure", Path(data_dir), sources))


def load_clinic(data_dir: Path, sources: Loaded | None = None) -> Loaded:
    return _load_with_sources("clinic.csv", Path(data_dir), sources)


def load_trial_week(data_dir: Path, sources: Loaded | None = None) -> Loaded:
    """What to do and avoid during the trial week, for the diary."""
    return _load_with_sources("trial_week.csv", Path(data_dir), sources)


def load_watch_for(data_dir: Path, sources: Loaded | None = None) -> Loaded:
    """What to watch for around the trial and the implant, each row from a named leaflet."""
    return _load_with_sources("watch_for.csv", Path(data_dir), sources)


def load_trials(data_dir: Path, sources: Loaded | None = None) -> Loaded:
    """Trial and review figures; only rows marked verified = yes are returned for display."""
    return _with_named_rows("trials", *_read("trials", Path(data_dir), sources))


def _verified(trials: Loaded) -> Loaded:
    if trials.frame is None:
        return trials
    return Loaded(trials.frame[trials.frame["verified"] == "yes"].reset_index(drop=True), ())


def _in_order(steps: Loaded) -> Loaded:
    return steps if steps.frame is None else Loaded(steps.frame.sort_values("order").reset_index(drop=True), ())


SHAPED = {"trials": _verified, "procedure": _in_order}


def _as_filed(loaded: Loaded) -> Loaded:
    return loaded


def _read(table: str, data_dir: Path, sources: Loaded | None = None) -> tuple[Loaded, Loaded]:
    """A table as the pages get it (trials only verified, steps in order), and as its file holds it."""
    as_filed = _load_with_sources(f"{table}.csv", data_dir, sources)
    return SHAPED.get(table, _as_filed)(as_filed), as_filed


def _with_named_rows(table: str, loaded: Loaded, as_filed: Loaded) -> Loaded:
    """The table as loaded, once it holds every row the topics name (explainer/topics.py): a page shows them."""
    if loaded.frame is None:
        return loaded
    problems = _missing_named_rows(table, loaded.frame, as_filed.frame)
    return Loaded(None, problems) if problems else loaded


def _missing_named_rows(table: str, shown: pd.DataFrame, as_filed: pd.DataFrame) -> tuple[Problem, ...]:
    """A named row the table lacks, or (trials) has but does not mark verified, which hides it."""
    named = topics.named_rows().get(table, ())
    if not named:
        return ()
    file = f"{table}.csv"
    id_column = resource(file)["schema"]["primaryKey"][0]
    present, in_file = set(shown[id_column]), set(as_filed[id_column])
    return tuple(
        Problem(file, None, id_column, "required_row" if row_id not in in_file else "required_row_unverified",
                {"value": row_id})
        for row_id in named
        if row_id not in present
    )  # fmt: skip


def load_options(data_dir: Path, sources: Loaded | None = None) -> Loaded:
    """The options side by side. A cell's figure is a verified trial row or a risk row, never a number of its own."""
    data_dir = Path(data_dir)
    sources = load_sources(data_dir) if sources is None else sources  # read once for the three files
    loaded = _load_with_sources("options.csv", data_dir, sources)
    if loaded.frame is None:
        return loaded
    return _with_known_figures(loaded, _read("trials", data_dir, sources)[0], _read("risks", data_dir, sources)[0])


def _with_known_figures(options: Loaded, verified_trials: Loaded, risks: Loaded) -> Loaded:
    """options.csv as loaded, once each cell's figure is a row of the verified trials or of the risks."""
    if options.frame is None:
        return options
    if not (verified_trials.ok and risks.ok):
        return Loaded(None, (*verified_trials.problems, *risks.problems))  # the grid's figures cannot be read
    known_trials, known_risks = set(verified_trials.frame["trial_id"]), set(risks.frame["risk_id"])
    problems = _unknown_figures(options.frame, known_trials, known_risks)
    return Loaded(None, problems) if problems else options


def _unknown_figures(options: pd.DataFrame, trial_ids: set[str], risk_ids: set[str]) -> tuple[Problem, ...]:
    """The contract's links from options.csv to trials and risks, and only to verified trials."""
    problems = []
    for row_number, cell in zip(options.index, options.to_dict("records"), strict=True):  # the file's row numbers
        for column, known, file in (("trial_id", trial_ids, "trials.csv"), ("risk_id", risk_ids, "risks.csv")):
            if cell[column] and cell[column] not in known:
                params = {"value": cell[column], "file": file}
                problems.append(Problem("options.csv", row_number, column, "unknown_figure", params))
    return tuple(problems)


# Each but the first takes sources.csv as loaded, so that a whole folder reads it once.
LOADERS: dict[str, Callable[..., Loaded]] = {
    "sources": load_sources,
    "outcomes": load_outcomes,
    "risks": load_risks,
    "procedure": load_procedure,
    "clinic": load_clinic,
    "trial_week": load_trial_week,
    "watch_for": load_watch_for,
    "trials": load_trials,
    "options": load_options,
}


def load_folder(data_dir: Path) -> dict[str, Loaded]:
    """What every loader returns for a data folder, by name: "outcomes", "options" and so on."""
    data_dir = Path(data_dir)
    sources = load_sources(data_dir)
    read = {name: _read(name, data_dir, sources) for name in LOADERS if name not in ("sources", "options")}
    # options.csv's figures are checked against the trials and risks just read, not against a second reading.
    options = _with_known_figures(
        _load_with_sources("options.csv", data_dir, sources), read["trials"][0], read["risks"][0]
    )
    return {
        "sources": sources,
        **{name: _with_named_rows(name, *pair) for name, pair in read.items()},
        "options": options,
    }


@dataclass(frozen=True)
class DataReport:
    problems: list[Problem]
    row_counts: dict[str, int]
    folder: dict[str, Loaded] | None = None  # when there are no problems: every table, as load_folder gives it


def check_data(data_dir: Path) -> DataReport:
    """Every problem in every file of a data folder, each reported once, and the rows of each valid file."""
    data_dir = Path(data_dir)
    sources = load_sources(data_dir)
    loaded = {SOURCES_FILE: sources}
    for file in FILES:
        if file == SOURCES_FILE:
            continue
        loaded[file] = _load_table(file, data_dir, sources_ok=sources.ok)
        if not sources.ok and loaded[file].ok:
            loaded[file] = Loaded(None, (Problem(file, None, "source_id", "sources_unreadable"),))
    trials, risks = loaded["trials.csv"], loaded["risks.csv"]
    if trials.ok and risks.ok:  # when one is broken, its own problems are already listed
        loaded["options.csv"] = _with_known_figures(loaded["options.csv"], _verified(trials), risks)
    for table in topics.named_rows():
        file = f"{table}.csv"
        if loaded[file].ok:
            shown = _verified(loaded[file]) if file == "trials.csv" else loaded[file]
            missing = _missing_named_rows(table, shown.frame, loaded[file].frame)
            loaded[file] = Loaded(None, missing) if missing else loaded[file]
    problems = [problem for result in loaded.values() for problem in result.problems]
    folder = {name: SHAPED.get(name, _as_filed)(loaded[f"{name}.csv"]) for name in LOADERS}
    return DataReport(
        problems=problems,
        row_counts={file: len(result.frame) for file, result in loaded.items() if result.ok},
        folder=None if problems else folder,
    )


def _load_with_sources(file: str, data_dir: Path, sources: Loaded | None = None) -> Loaded:
    sources = load_sources(data_dir) if sources is None else sources
    if not sources.ok:
        return Loaded(None, (Problem(file, None, "source_id", "sources_unreadable"), *sources.problems))
    return _load_table(file, data_dir, sources_ok=True)


def _load_table(file: str, data_dir: Path, sources_ok: bool) -> Loaded:
    """The file's own checks first (bytes, CSV, header, cells), then the contract through frictionless."""
    rows, problems = _read_rows(file, data_dir / file)
    if problems:
        return Loaded(None, tuple(problems))
    header, records = rows[0], rows[1:]
    problems = _check_header(file, header)
    if problems:
        return Loaded(None, tuple(problems))
    if file in EXACTLY_ONE_ROW and len(records) != 1:
        problems.append(Problem(file, None, None, "exactly_one_row", {"count": len(records)}))
    elif not records:
        problems.append(Problem(file, None, None, "no_rows"))
    for row_number, record in records:
        if len(record) != len(header):
            params = {"expected": len(header), "found": len(record)}
            problems.append(Problem(file, row_number, None, "field_count", params))
            continue
        for name, cell in zip(header, record, strict=True):
            if any(unicodedata.category(char) in ("Cc", "Cf", "Co", "Cs") and char not in "\n\t" for char in cell):
                problems.append(Problem(file, row_number, name, "control_character"))
    if problems:
        return Loaded(None, tuple(problems))

    from frictionless import FrictionlessException  # here: a process that only reads checked tables never loads it

    table = _frictionless_resource(file, data_dir, sources_ok)
    cells_of = {row_number: dict(zip(header, record, strict=True)) for row_number, record in records}
    try:
        report = table.validate()
        errors = report.tasks[0].errors
        problems = [problem for error in errors if (problem := _problem(file, error, cells_of))]
        typed = [] if problems else [(row.row_number, _typed(file, row)) for row in table.read_rows()]
    except FrictionlessException as error:  # a file frictionless cannot read at all
        return Loaded(None, (Problem(file, None, None, "bad_csv", {"detail": error.error.note}),))
    for row_number, row in typed:
        problems += _row_problems(file, row_number, row)
    if problems:
        return Loaded(None, tuple(problems))
    # Indexed by the file's row numbers, so a later check across files can still name the row.
    frame = pd.DataFrame([row for _, row in typed], columns=column_names(file), index=[number for number, _ in typed])
    return Loaded(frame, ())


def _read_rows(file: str, path: Path) -> tuple[list, list[Problem]]:
    """The header and the (row number, cells) of each non-blank row, read strictly; or why the file cannot be read."""

    def problem(code: str, row: int | None = None, **params) -> list[Problem]:
        return [Problem(file, row, None, code, params)]

    if not path.is_file():
        return [], problem("file_missing")
    if _links_out_of_its_folder(path):
        return [], problem("link_outside_folder")
    if path.stat().st_size > MAX_FILE_BYTES:
        return [], problem("file_too_large", limit_kb=MAX_FILE_BYTES // 1000)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return [], problem("not_utf8", row=raw[: error.start].count(b"\n") + 1)
    if "\x00" in text:
        return [], problem("nul_byte", row=text[: text.index("\x00")].count("\n") + 1)
    # Stricter than frictionless, which reads "a"b as ab: a stray quote is reported, not guessed at.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        for row_number, cells in enumerate(reader, 1):  # numbered as frictionless and a spreadsheet do
            if any(cell.strip() for cell in cells):
                rows.append((row_number, cells))
    except csv.Error as error:
        return [], problem("bad_csv", row=reader.line_num, detail=str(error))
    if not rows:
        return [], problem("empty_file")
    return [rows[0][1], *rows[1:]], []


def _check_header(file: str, header: list[str]) -> list[Problem]:
    """Columns are matched by name, so a clinic may keep them in any order; frictionless matches by position."""
    problems = []
    expected = column_names(file)
    for name in sorted({name for name in header if header.count(name) > 1}):
        problems.append(Problem(file, 1, name, "duplicate_column"))
    for name in expected:
        if name not in header:
            problems.append(Problem(file, 1, name, "missing_column"))
    for name in header:
        if name not in expected:
            problems.append(Problem(file, 1, name or "(blank)", "unknown_column", {"expected": ", ".join(expected)}))
    return problems


def _frictionless_resource(file: str, data_dir: Path, sources_ok: bool):
    """The file as a frictionless resource of the contract's package, read from data_dir.

    Links to sources.csv are checked only when that file is valid; the links from options.csv to
    trials and risks are checked by _unknown_figures, which also asks for a verified trial.
    """
    from frictionless import Package

    described = json.loads(json.dumps(resource(file)))
    schema = described["schema"]
    links = [link for link in schema.pop("foreignKeys", []) if link["reference"]["resource"] == "sources"]
    if links and sources_ok:
        schema["foreignKeys"] = links
    others = [] if file == SOURCES_FILE else [resource(SOURCES_FILE)]
    package = Package({"resources": [*others, described]}, basepath=str(data_dir))
    return package.get_resource(described["name"])


@functools.cache
def _fields(file: str) -> dict[str, dict]:
    return {column["name"]: column for column in resource(file)["schema"]["fields"]}


def _problem(file: str, error, cells_of: dict[int, dict[str, str]]) -> Problem | None:
    """A frictionless finding in our words, or None where another check already says it."""
    kind, row, name = error.type, getattr(error, "row_number", None), getattr(error, "field_name", None)
    cells = cells_of.get(row, {})
    cell = str(getattr(error, "cell", "") or "").strip()
    column = _fields(file).get(name, {})
    if kind in ("blank-row", "missing-cell", "extra-cell"):
        return None  # blank rows are skipped; cell counts were checked on the raw rows
    if kind == "type-error":
        if column.get("type") == "date":
            return Problem(file, row, name, "bad_date", {"value": cell})
        if column.get("type") == "integer" and _number(cell) is not None:
            return Problem(file, row, name, "not_whole", {"value": cell})
        return Problem(file, row, name, "not_a_number", {"value": cell})
    if kind == "constraint-error":
        constraint = re.match(r'constraint "(\w+)"', error.note)
        limits = column.get("constraints", {})
        out_of_range = ("out_of_range", {"value": cell, "low": limits.get("minimum"), "high": limits.get("maximum")})
        code = {
            "required": ("required", {}),
            "enum": ("bad_choice", {"value": cell, "choices": ", ".join(limits.get("enum", []))}),
            "maxLength": ("too_long", {"limit": limits.get("maxLength")}),
            "pattern": ("bad_link" if column.get("format") == "uri" else "bad_id", {"value": cell}),
            "minimum": out_of_range,
            "maximum": out_of_range,
        }.get(constraint.group(1) if constraint else "")
        if code:
            return Problem(file, row, name, *code)
    if kind == "primary-key":
        first = re.search(r"position (\d+)", error.note)
        if not first:
            return None  # an empty id: "required" says so
        id_column = resource(file)["schema"]["primaryKey"][0]
        params = {"value": cells.get(id_column, "").strip(), "first_row": int(first.group(1))}
        return Problem(file, row, id_column, "duplicate_id", params)
    if kind == "foreign-key":  # source_id, or why_source_id (the source of a reason)
        column = (getattr(error, "field_names", None) or ["source_id"])[0]
        return Problem(file, row, column, "unknown_source", {"value": cells.get(column, "").strip()})
    return Problem(file, row, name, "bad_csv", {"detail": error.note or error.title})


def _typed(file: str, row) -> dict:
    """A frictionless row as plain Python values: numbers as int or float, empty text as ""."""
    typed = {}
    for name, column in _fields(file).items():
        value = row.get(name)
        if isinstance(value, decimal.Decimal):
            value = int(value) if column["type"] == "integer" else float(value)
        elif column["type"] == "string":
            value = "" if value is None else str(value).strip()
        typed[name] = value
    return typed


def _row_problems(file: str, row_number: int, row: dict) -> list[Problem]:
    """The rules across a row's cells that a Table Schema cannot say."""
    problems = []
    if file in LOW_HIGH:
        low_name, high_name = LOW_HIGH[file]
        low, high = row.get(low_name), row.get(high_name)
        has_low, has_high = _is_number(low), _is_number(high)
        if has_low != has_high:
            missing = high_name if has_low else low_name
            problems.append(
                Problem(file, row_number, missing, "pair_incomplete", {"other": low_name if has_low else high_name})
            )
        elif has_low and has_high and low > high:
            params = {"low": _plain_number(low), "high": _plain_number(high)}
            problems.append(Problem(file, row_number, low_name, "low_above_high", params))
    if file in ROW_RULES and not problems:
        problems += [Problem(file, row_number, name, code, params) for name, code, params in ROW_RULES[file](row)]
    problems += _sense_problems(file, row_number, row)
    return problems


def _links_out_of_its_folder(path: Path) -> bool:
    """A file that is a link to somewhere outside the data folder (/etc/passwd, another clinic's folder)."""
    if not path.is_symlink():
        return False
    return not path.resolve().is_relative_to(path.parent.resolve())


# The placebo trial's change in points is said as "went down by" (evidence.placebo_text): a change that
# went up (got worse) cannot be said in that sentence, so it is never turned around into one that did.
SAID_AS_WENT_DOWN = {"comparison": "placebo", "unit": "points"}
REVIEW_DATE_COLUMNS = {"sources.csv": "last_reviewed"}


# Markdown turns a web or e-mail address in any text into a link: only the link column may make one.
ADDRESS_IN_TEXT = re.compile(r"https?://|www\.|ftp://|mailto:|[\w.+-]@[\w-]+\.\w", re.IGNORECASE)
FORMULA_START = ("=", "@")  # a spreadsheet runs such a cell as a formula (=HYPERLINK(...))


def _text_problems(file: str, row_number: int, row: dict) -> list[Problem]:
    """Text cells that would become a link or a formula: said by column, never quoting the cell."""
    problems = []
    for name, column in _fields(file).items():
        value = row.get(name)
        if column["type"] != "string" or column.get("format") == "uri" or not isinstance(value, str):
            continue
        if value.startswith(FORMULA_START):
            problems.append(Problem(file, row_number, name, "formula_in_text"))
        elif ADDRESS_IN_TEXT.search(value):
            problems.append(Problem(file, row_number, name, "address_in_text"))
    return problems


def _sense_problems(file: str, row_number: int, row: dict) -> list[Problem]:
    """Cells that pass the contract but that the app's sentences cannot say as they stand."""
    problems = _text_problems(file, row_number, row)
    if file == "trials.csv" and all(row.get(name) == value for name, value in SAID_AS_WENT_DOWN.items()):
        for name in ("value_with", "value_without"):
            if _is_number(row.get(name)) and row[name] > 0:
                problems.append(Problem(file, row_number, name, "change_went_up", {"value": _plain_number(row[name])}))
    date_column = REVIEW_DATE_COLUMNS.get(file)
    reviewed = row.get(date_column) if date_column else None
    if isinstance(reviewed, datetime.date) and reviewed > datetime.date.today():
        problems.append(Problem(file, row_number, date_column, "date_in_future", {"value": reviewed.isoformat()}))
    return problems


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _number(value: str) -> float | None:
    try:
        return float(value.removesuffix("%").strip())
    except ValueError:
        return None


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value  # NaN is no number
