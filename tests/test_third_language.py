"""A third language is data, not code: a TOML file, CSV columns and the contract's fields, and nothing else.

The test copies the project, adds a throwaway French made from the English text (and nothing but those
files), and renders every page of the app and the whole guide in it.
"""

import json
import os
import shutil
import subprocess
import sys

import pandas as pd

from explainer import topics
from tests.conftest import ROOT

PROJECT_PARTS = ("app.py", "pages", "page_parts", "explainer", "data", "static", ".streamlit")
MARK = "FR·"  # every French data cell starts with it, so the test can tell it from the English

RENDER_EVERYTHING_IN_FRENCH = """
import json
from streamlit.testing.v1 import AppTest
from explainer import topics
from explainer.outputs import export
from explainer.data_folder import DEFAULT_DATA_DIR

shown = {}
app = AppTest.from_file("app.py", default_timeout=60)
app.query_params["lang"] = "fr"
app.run()
for topic in topics.in_app():
    if topic.address:
        app.switch_page(topic.page_file).run()
        app.radio(key="lang").set_value("fr").run()
    shown[topic.address] = {
        "exceptions": [str(exception.value) for exception in app.exception],
        "errors": [error.value for error in app.error],
        "titles": [title.value for title in app.title],
        "language": app.session_state["lang"],
        "text": "\\n".join(str(element.value) for element in app.markdown),
        "languages": list(app.radio(key="lang").options),
    }
site = export.site_files(DEFAULT_DATA_DIR)
print(json.dumps({"app": shown, "guide": {name: page for name, page in site.items() if name.startswith("fr/")}}))
"""


def add_french(project):
    """What a clinic adds for a language: content/fr.toml, the _fr columns and their fields in the contract."""
    english = (project / "explainer" / "content" / "en.toml").read_text(encoding="utf-8")
    (project / "explainer" / "content" / "fr.toml").write_text(
        english.replace("[language]\n", '[language]\nfr = "Français"\n', 1), encoding="utf-8"
    )
    contract_path = project / "data" / "datapackage.json"
    contract = json.loads(contract_path.read_text(encoding="utf-8"))
    for resource in contract["resources"]:
        fields = []
        for field in resource["schema"]["fields"]:
            fields.append(field)
            if field["name"].endswith("_en"):
                fields.append({**field, "name": field["name"][:-3] + "_fr", "description": field["description"]})
        resource["schema"]["fields"] = fields
        path = project / "data" / resource["path"]
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        for column in [name for name in table.columns if name.endswith("_en")]:
            table[column[:-3] + "_fr"] = [f"{MARK} {cell}" if cell else "" for cell in table[column]]
        table.to_csv(path, index=False)
    contract_path.write_text(json.dumps(contract, indent=2, ensure_ascii=False), encoding="utf-8")


def test_a_third_language_needs_only_its_words_its_columns_and_its_fields(tmp_path):
    project = tmp_path / "project"
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            project.mkdir(exist_ok=True)
            shutil.copy2(source, project / part)
    add_french(project)
    checked = subprocess.run(
        [sys.executable, "-m", "explainer", "check-data"], cwd=project, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout
    rendered = subprocess.run(
        [sys.executable, "-c", RENDER_EVERYTHING_IN_FRENCH],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "EXPLAINER_DATA_DIR": ""},
        timeout=600,
    )
    assert rendered.returncode == 0, rendered.stderr[-3000:]
    result = json.loads(rendered.stdout.splitlines()[-1])
    for address, page in result["app"].items():
        assert page["exceptions"] == [] and page["errors"] == [], address
        assert page["language"] == "fr" and len(page["titles"]) == 1, address
        assert "Français" in page["languages"], address
    assert MARK in result["app"]["evidence"]["text"], "the French columns are the ones shown"
    assert set(result["guide"]) == {f"fr/{topic.guide_file}" for topic in topics.in_guide()}
    trials = result["guide"]["fr/trials.html"]
    assert '<html lang="fr">' in trials and MARK in trials
    assert 'hreflang="en"' in trials and 'hreflang="es"' in trials, "the guide links the other two languages"
