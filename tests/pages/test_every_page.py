"""Every page through AppTest: nothing raises, broken data shows a clear box, Spanish has no English left."""

import re
from pathlib import Path

import pytest

from explainer import data, text
from explainer.outputs import export, guide
from tests.app_pages import app_pages
from tests.conftest import DATA, replace_in
from tests.pages.reading import open_page, page_text, shown


def test_every_page_file_is_named_after_its_address():
    for page in app_pages():
        assert Path(page.file).stem == (page.url_path or "overview"), page


def test_the_navigation_keeps_the_stable_addresses():
    addresses = [page.url_path for page in app_pages()]
    assert addresses[0] == ""
    assert {"outcomes", "evidence", "procedure", "risks", "sources"} <= set(addresses)


@pytest.mark.parametrize("page", app_pages(), ids=lambda page: page.url_path or "overview")
def test_every_page_runs_without_exception(page):
    app = open_page(page.file)
    assert not app.exception
    assert not app.error, [error.value for error in app.error]
    assert len(app.title) == 1


@pytest.mark.parametrize("page", app_pages(), ids=lambda page: page.url_path or "overview")
def test_broken_data_shows_an_error_box_and_never_raises(page, data_copy, monkeypatch):
    replace_in(data_copy / "outcomes.csv", ",50,70,", ",50,700,")
    (data_copy / "risks.csv").write_bytes(b"\xff\xfe\x00junk")
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    app = open_page(page.file)
    assert not app.exception
    errors = shown("\n".join(error.value for error in app.error))
    if page.url_path in ("", "outcomes"):
        assert "outcomes.csv, row 2, column value_high" in errors
        assert "700 is outside the allowed range of 0 to 100" in errors
    if page.url_path == "risks":
        assert "risks.csv" in errors and "UTF-8" in errors
    if page.url_path == "procedure":
        assert not app.error, "a page whose data is fine keeps working"
    assert app.radio(key="lang").value == "en", "the settings row is drawn even when a page stops early"
    assert app.toggle(key="consult").value is False


def english_fragments() -> set[str]:
    """Runs of English words the app can show: content strings cut at placeholders, and the _en CSV text."""
    fragments = set()
    for template in text.strings("en").values():
        for piece in re.split(r"\{[^}]*\}|\*\*", template):
            piece = piece.strip(" .:,")
            if len(piece.split()) >= 3:
                fragments.add(piece)
    for loader in (data.load_outcomes, data.load_risks, data.load_procedure, data.load_sources, data.load_trials):
        frame = loader(DATA).frame
        for column in (name for name in frame.columns if name.endswith("_en")):
            fragments.update(value for value in frame[column] if len(str(value).split()) >= 3)
    return fragments


@pytest.mark.parametrize("page", app_pages(), ids=lambda page: page.url_path or "overview")
def test_every_page_in_spanish_has_no_english_left(page):
    app = open_page(page.file, lang="es")
    assert not app.exception
    shown_text = page_text(app)
    left = sorted(fragment for fragment in english_fragments() if fragment in shown_text)
    assert left == []
    spanish_title = text.t("es", f"{(page.url_path or 'overview').replace('-', '_')}.title")
    assert app.title[0].value == spanish_title


def test_spanish_numbers_use_spanish_forms():
    shown_text = page_text(open_page("pages/outcomes.py", lang="es"))
    assert "85 de cada 100 personas" in shown_text
    assert "unos 2 a 4 de 10" in shown_text
    assert "50\u00a0% a 70\u00a0%" in shown_text
    risks_text = page_text(open_page("pages/risks.py", lang="es"))
    assert "Aproximadamente entre 2 y 3 de cada 100 aparatos colocados" in risks_text
    assert "Aproximadamente entre 30 y 40 de cada 100 personas con el aparato" in risks_text
    assert "a alrededor de 78 de cada 100 personas con una infección." in risks_text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_internal_wording_reaches_a_reader(lang):
    shown_everywhere = [page_text(open_page(page.file, lang=lang)) for page in app_pages()]
    shown_everywhere += [export.handout_html(DATA, lang), *guide.guide_pages(DATA).values()]
    for shown_text in shown_everywhere:
        assert "evidence reference" not in shown_text and "the project" not in shown_text


def test_the_clinic_article_leaving_its_studies_unnamed_is_said_once_per_page():
    # Issue 32: the overview leaves it to Sources, whose card for the clinic's article says it.
    for page, words in (("pages/outcomes.py", "does not say which studies"), ("pages/sources.py", "does not name")):
        shown_text = page_text(open_page(page))
        assert shown_text.count(words) == 1, page
        assert shown_text.count("does not name") + shown_text.count("gives no more detail") <= 1, page
    assert "does not name" not in page_text(open_page("pages/overview.py"))
