"""Generated broken CSV files: the checks never raise, and each problem names its file (and its row, if it has one)."""

import csv
import io
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer import data
from explainer.text import problem_message, problem_place
from tests.conftest import DATA

# Problems about one row of a file; the others are about the whole file or a column.
ROW_CODES = data.PROBLEM_CODES - {
    "sources_unreadable", "file_missing", "file_too_large", "empty_file", "no_rows", "exactly_one_row",
}  # fmt: skip
CHECKS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

files = st.sampled_from(data.FILES)
cells = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)


def problems_after(file: str, content: bytes) -> list[data.Problem]:
    """check-data on a copy of the bundled data with one file replaced, and every message said in both languages."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "data"
        shutil.copytree(DATA, copy)
        (copy / file).write_bytes(content)
        problems = data.check_data(copy).problems
    for problem in problems:
        assert problem.file in data.FILES
        for lang in data.LANGUAGES:
            assert problem_message(problem, lang) and problem_place(problem, lang)
    return problems


def bundled_rows(file: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((DATA / file).read_text(encoding="utf-8-sig"), newline="")))


def as_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode("utf-8")


def assert_named(problems: list[data.Problem], file: str) -> None:
    """The broken file is named, each problem of it with its row where the problem is about a row."""
    own = [problem for problem in problems if problem.file == file]
    assert own, f"nothing said about {file}: {problems}"
    for problem in own:
        if problem.code in ROW_CODES:
            assert problem.row is not None and problem.row >= 1, problem


@CHECKS
@given(file=files, content=st.binary(max_size=400))
def test_any_bytes_at_all(file, content):
    assert_named(problems_after(file, content), file)


@CHECKS
@given(file=files, text=st.text(max_size=300), encoding=st.sampled_from(["utf-16", "latin-1", "cp1252", "utf-8"]))
def test_text_in_any_encoding(file, text, encoding):
    content = ",".join(data.column_names(file)).encode(encoding, errors="replace") + text.encode(encoding, "replace")
    assert_named(problems_after(file, content), file)


@CHECKS
@given(file=files, data_=st.data())
def test_rows_of_wrong_cells_and_quotes(file, data_):
    header = data.column_names(file)
    odd = st.sampled_from(['"', '""', "\n", ",", "nan", "-1", "1e9"])
    row = st.lists(cells | odd, min_size=len(header), max_size=len(header))
    rows = data_.draw(st.lists(row, min_size=1, max_size=4))
    content = as_csv([header, *rows])
    problems = problems_after(file, content)
    assert_named(problems, file)


@CHECKS
@given(file=files, data_=st.data())
def test_missing_extra_duplicated_and_moved_columns(file, data_):
    rows = bundled_rows(file)
    header = rows[0]
    order = data_.draw(st.permutations(range(len(header))))
    drop = data_.draw(st.sets(st.sampled_from(range(len(header))), max_size=2))
    extra = data_.draw(st.lists(st.sampled_from([*header, "surplus", ""]), max_size=2))
    kept = [index for index in order if index not in drop]
    changed = [[row[index] for index in kept] + ["x"] * len(extra) for row in rows]
    changed[0] = [header[index] for index in kept] + extra
    problems = problems_after(file, as_csv(changed))
    if sorted(changed[0]) != sorted(header):  # a column missing, unknown or twice
        assert_named(problems, file)
    elif not drop:
        assert problems == [], "the same columns in another order are fine"
    # else: a column was dropped and added again at the end, filled with "x": valid or not by its type


@CHECKS
@given(file=st.sampled_from([file for file in data.FILES if file != "clinic.csv"]), data_=st.data())
def test_duplicated_ids_and_sources_that_do_not_exist(file, data_):
    rows = bundled_rows(file)
    header, body = rows[0], rows[1:]
    source = header.index("source_id") if "source_id" in header else None
    row = data_.draw(st.integers(0, len(body) - 1))
    if source is not None and file != data.SOURCES_FILE and data_.draw(st.booleans()):
        body[row][source] = data_.draw(st.from_regex(r"[a-z]{3,8}-[0-9]{4}", fullmatch=True))
        expected = {"unknown_source"}
    else:
        body.append(list(body[row]))
        expected = {"duplicate_id"}
    problems = problems_after(file, as_csv([header, *body]))
    assert_named(problems, file)
    assert expected & {problem.code for problem in problems if problem.file == file}
