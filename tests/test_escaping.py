"""Data text holding Markdown, HTML and a javascript: link shows as plain text on every page and in the guide."""

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from explainer.outputs import export
from tests.app_pages import app_pages
from tests.conftest import ROOT

POISON = "**Bold** <b>tag</b> [link](javascript:alert(1))"
# What Markdown or HTML would make of the cell if it were not escaped.
RAW = ("**Bold**", "<b>", "](javascript:")
# (file, id column, row id, column): cells each shown on some page and in the guide.
CELLS = [
    ("trials.csv", "trial_id", "PROCESS-6m", "time_span_en"),
    ("trials.csv", "trial_id", "Hara-2022", "note_en"),
    ("risks.csv", "risk_id", "infection", "detail_en"),
    ("outcomes.csv", "figure_id", "pain-reduction", "in_whom_en"),
    ("procedure.csv", "step_id", "decision", "what_happens_en"),
    ("sources.csv", "source_id", "north-2005", "citation"),
]
# Where a reader meets each cell (app addresses; guide pages).
SHOWN_ON = {
    "time_span_en": ({"", "evidence"}, {"trials.html"}),
    "note_en": ({"evidence"}, {"trials.html"}),
    "detail_en": ({"risks"}, {"risks.html"}),
    "in_whom_en": ({"outcomes"}, {"results.html"}),
    "what_happens_en": ({"procedure"}, {"procedure.html"}),
    "citation": ({"evidence", "sources"}, {"trials.html", "sources.html"}),
}


@pytest.fixture
def poisoned(data_copy):
    for file, id_column, row_id, column in CELLS:
        table = pd.read_csv(data_copy / file, dtype=str, keep_default_na=False)
        assert (table[id_column] == row_id).sum() == 1, (file, row_id)
        table.loc[table[id_column] == row_id, column] = POISON
        table.to_csv(data_copy / file, index=False)
    return data_copy


def texts(app: AppTest) -> list[str]:
    """Every piece of Markdown a page hands to Streamlit, labels of expanders, tabs and choices included."""
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")
    found = [element.value for kind in kinds for element in getattr(app, kind)]
    found += [element.label for element in app.expander] + [element.label for element in app.tabs]
    found += [option for radio in app.radio for option in radio.options]
    return [str(text) for text in found]


def as_shown(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def test_data_markdown_html_and_links_show_as_plain_text_on_every_page(poisoned, monkeypatch):
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(poisoned))
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["lang"] = "en"
    app.run()
    showing = set()
    for page in app_pages():
        if page.url_path:
            app.switch_page(page.file).run()
            app.radio(key="lang").set_value("en").run()
        assert not app.exception and not app.error, page.url_path
        for text in texts(app):
            for raw in RAW:
                assert raw not in text, (page.url_path, text)
            if POISON in as_shown(text):
                showing.add(page.url_path)
    expected = set().union(*(pages for pages, _ in SHOWN_ON.values()))
    assert expected <= showing, expected - showing


def test_data_markdown_html_and_links_show_as_plain_text_in_the_guide(poisoned):
    site = export.site_files(poisoned)
    escaped = "**Bold** &lt;b&gt;tag&lt;/b&gt; [link](javascript:alert(1))"
    for name, page in site.items():
        assert "<b>" not in page and "<strong>Bold</strong>" not in page, name
        assert not re.search(r"""href=["']?\s*javascript:""", page, re.IGNORECASE), name
    for _, guide_pages in SHOWN_ON.values():
        for file in guide_pages:
            assert escaped in site[f"en/{file}"], file
