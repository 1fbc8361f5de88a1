"""The app checks its data in a child process: the same answer as in-process, frictionless never in the server."""

import json
import re
import subprocess
import sys

from explainer import child_check, data
from explainer.outputs import export
from tests.conftest import ROOT, replace_in
from tests.pages.reading import open_page, shown


def assert_same_folder(from_child: dict, in_process: dict) -> None:
    assert set(from_child) == set(in_process) == set(data.LOADERS)
    for name, loaded in in_process.items():
        assert from_child[name].problems == loaded.problems, name
        assert [p.params for p in from_child[name].problems] == [p.params for p in loaded.problems], name
        if loaded.frame is None:
            assert from_child[name].frame is None, name
        else:
            frame = from_child[name].frame
            assert frame.equals(loaded.frame), name
            assert list(frame.dtypes) == list(loaded.frame.dtypes) and list(frame.index) == list(loaded.frame.index)


def test_the_child_gives_the_tables_the_app_would_load_itself(data_copy):
    from_child = child_check.FolderCheck(data_copy).answer()
    assert_same_folder(from_child, data.load_folder(data_copy))
    assert len(from_child["outcomes"].frame) == len(data.load_outcomes(data_copy).frame)


def test_the_child_gives_the_same_problems_for_broken_files(data_copy):
    replace_in(data_copy / "outcomes.csv", ",50,70,", ",50,170,")
    (data_copy / "risks.csv").write_bytes(b"\xff\xfe\x00junk")
    replace_in(data_copy / "procedure.csv", ",nice-ta159\n", ",no-such-source\n")
    from_child = child_check.FolderCheck(data_copy).answer()
    assert_same_folder(from_child, data.load_folder(data_copy))
    assert [p.where() for p in from_child["outcomes"].problems] == ["outcomes.csv:2:value_high"]
    assert from_child["risks"].problems[0].code == "not_utf8"
    assert {p.code for p in from_child["procedure"].problems} == {"unknown_source"}
    assert from_child["sources"].ok and from_child["clinic"].ok


def test_the_app_server_never_loads_frictionless():
    """Every page through AppTest, and the three downloads, in a fresh interpreter; then one in-process check."""
    script = """
import json, sys
from streamlit.testing.v1 import AppTest
from explainer import child_check, data
from explainer.outputs import export
from tests.app_pages import app_pages
app = AppTest.from_file("app.py", default_timeout=60).run()
for page in app_pages():
    app.switch_page(page.file).run()
    assert not app.exception and not app.error, page
folder = child_check.FolderCheck(data.DEFAULT_DATA_DIR).answer()
pages = [export.handout_html(folder, "es", 6, ["q"]), export.diary_html(folder, "en", 6),
         export.summary_html(folder, "en", "https://clinic.example/", 6, ["q"])]
after_the_app = sorted(name for name in ("frictionless", "pydantic") if name in sys.modules)
data.load_sources(data.DEFAULT_DATA_DIR)
print(json.dumps({"after_the_app": after_the_app, "pages": [len(page) for page in pages],
                  "in_process": "frictionless" in sys.modules}))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["after_the_app"] == [], "the app's process loaded what only the child check needs"
    assert all(size > 3000 for size in answer["pages"])
    assert answer["in_process"], "the same check in-process does load it, so the first assertion can fail"


def test_a_check_that_stops_shows_a_plain_box_and_the_next_visit_tries_again(data_copy, monkeypatch):
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    monkeypatch.setattr(child_check, "TIME_LIMIT_S", 0.001)
    app = open_page("pages/outcomes.py")
    assert not app.exception
    errors = shown("\n".join(error.value for error in app.error))
    assert "The app could not check the clinic's data files just now" in errors
    assert "Please try again in a minute" in errors and "make check-data" in errors
    assert "have problems" not in errors and "row -" not in errors, "the files may be fine: no list of problems"
    assert "Traceback" not in errors
    assert not app.get("vega_lite_chart")
    assert app.radio(key="lang").value == "en", "the rest of the app still works"

    app.radio(key="lang").set_value("es").run()
    assert "La app no pudo revisar ahora los archivos de datos de la clínica" in shown(app.error[0].value)

    monkeypatch.setattr(child_check, "TIME_LIMIT_S", 60)
    app.radio(key="lang").set_value("en").run()
    assert not app.error, "a stopped check is not kept: the next run checks again"
    assert app.get("vega_lite_chart")


def without_shape_numbers(page: str) -> str:
    """The handout numbers its SVG shapes with one counter per process, so two handouts differ only there."""
    return re.sub(r"shape\d+", "shape", page)


def test_downloads_are_made_from_the_checked_folder(data_copy):
    folder = child_check.FolderCheck(data_copy).answer()
    handouts = (export.handout_html(folder, "en", 6), export.handout_html(data_copy, "en", 6))
    assert without_shape_numbers(handouts[0]) == without_shape_numbers(handouts[1])
    assert without_shape_numbers(export.summary_html(folder, "es")) == without_shape_numbers(
        export.summary_html(data_copy, "es")
    )
    assert export.diary_html(folder, "es", 7) == export.diary_html(data_copy, "es", 7)
    broken = {**folder, "risks": data.Loaded(None, (data.Problem("risks.csv", 3, "rate_low", "required"),))}
    try:
        export.handout_html(broken, "en")
    except export.DataProblems as problems:
        assert [p.where() for p in problems.problems] == ["risks.csv:3:rate_low"]
    else:
        raise AssertionError("a broken table in the checked folder must stop the handout")


def test_a_whole_folder_checks_the_options_figures_as_load_options_does(data_copy):
    replace_in(data_copy / "options.csv", "any-complication", "no-such-risk")
    replace_in(data_copy / "trials.csv", ",yes,", ",no,")  # the first trial row is no longer verified
    options = data.load_folder(data_copy)["options"]
    assert options.problems == data.load_options(data_copy).problems
    assert {p.code for p in options.problems} == {"unknown_figure"} and len(options.problems) >= 2

    replace_in(data_copy / "risks.csv", ",yes,", ",maybe,")
    options = data.load_folder(data_copy)["options"]
    assert options.problems == data.load_options(data_copy).problems
    assert [p.where() for p in options.problems] == [p.where() for p in data.load_risks(data_copy).problems]
