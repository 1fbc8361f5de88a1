"""The rows the topics name by id are part of the data contract: a folder without one is reported, never a crash."""

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from explainer import data, topics
from tests.app_pages import app_pages
from tests.conftest import ROOT

NAMED = [(table, row_id) for table, ids in topics.named_rows().items() for row_id in ids]


def without_row(folder: Path, table: str, row_id: str) -> None:
    """Drop the row with this id from the table's CSV, keeping every other byte of the file as it was."""
    path = folder / f"{table}.csv"
    id_column = data.resource(path.name)["schema"]["primaryKey"][0]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader([lines[0]]))
    kept = [
        line for line in lines if next(csv.reader([line]), [""])[header.index(id_column)] != row_id or line is lines[0]
    ]
    assert len(kept) == len(lines) - 1, f"{row_id} is not a row of {path.name}"
    path.write_text("".join(kept), encoding="utf-8")


def run_explainer(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "explainer", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def test_every_topic_row_is_a_row_of_the_bundled_data():
    folder = data.load_folder(data.DEFAULT_DATA_DIR)
    assert all(loaded.ok for loaded in folder.values())
    for table, row_id in NAMED:
        id_column = data.resource(f"{table}.csv")["schema"]["primaryKey"][0]
        assert row_id in set(folder[table].frame[id_column]), (table, row_id)


@pytest.mark.parametrize(("table", "row_id"), NAMED, ids=[row_id for _, row_id in NAMED])
def test_a_folder_without_a_named_row_is_reported_everywhere(table, row_id, data_copy, tmp_path, monkeypatch):
    without_row(data_copy, table, row_id)
    line = f"{table}.csv:-:{data.resource(f'{table}.csv')['schema']['primaryKey'][0]}: required row {row_id} is missing"

    checked = run_explainer("check-data", str(data_copy))
    assert checked.returncode == 1
    assert any(printed.startswith(line) for printed in checked.stdout.splitlines()), checked.stdout

    target = tmp_path / "site"
    target.mkdir()
    (target / "kept.html").write_text("the guide that was there", encoding="utf-8")
    exported = run_explainer("export", "--site", str(target), "--data", str(data_copy))
    assert exported.returncode == 1
    assert "Traceback" not in exported.stderr, exported.stderr
    assert any(printed.startswith(line) for printed in exported.stdout.splitlines()), exported.stdout
    assert [path.name for path in target.iterdir()] == ["kept.html"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "site"], "no half-built folder left"

    # Every page of the app, one after the other as a reader would go; the topics that name the row say so.
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    naming = {
        topic.address for topic in topics.in_app() if any(row_id in ids for ids in topic.rows.get(table, {}).values())
    }
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["lang"] = "en"
    app.run()
    for page in app_pages():
        if page.url_path:
            app.switch_page(page.file).run()
            app.radio(key="lang").set_value("en").run()
        assert not app.exception, (page.url_path, [exception.value for exception in app.exception])
        assert len(app.title) == 1, page.url_path
        errors = re.sub(r"\\(.)", r"\1", "\n".join(error.value for error in app.error)).replace("**", "")  # as read
        if page.url_path in naming:
            assert f"{table}.csv" in errors and row_id in errors, (page.url_path, errors)
            assert "row -" not in errors, "a whole-table problem names the file and column, not a row '-'"


def test_no_module_but_the_topic_table_names_a_row_by_its_id():
    """Issue 26: the topic table is the one list of the rows the code names, so a clinic's folder is checked for all of
    them (ids with a hyphen: the shorter ones, such as "infection", are also the code's own words)."""
    named = [row_id for ids in topics.named_rows().values() for row_id in ids if "-" in row_id]
    folders = ("explainer", "page_parts", "pages", "deploy", "bench")
    code = [path for folder in folders for path in (ROOT / folder).rglob("*")
            if path.suffix in (".py", ".j2") and path.name != "topics.py"]  # fmt: skip
    for path in [*code, ROOT / "app.py"]:
        source = path.read_text(encoding="utf-8")
        quoted = [row_id for row_id in named if re.search(rf"[\"']{re.escape(row_id)}[\"']", source)]
        assert quoted == [], f"{path.relative_to(ROOT)} names {quoted}: name them in explainer/topics.py"
