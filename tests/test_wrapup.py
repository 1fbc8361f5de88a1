"""The wrap-up (issue 14): the phone address and its code, the note for the record, the one-page summary."""

import datetime
import io
import subprocess
import sys

import pytest
import zxingcpp
from PIL import Image

from explainer import text, wrapup
from explainer.outputs import export
from tests.conftest import DATA, ROOT
from tests.pages.reading import open_page, shown

CLINIC = "https://clinic.example.org"


@pytest.mark.parametrize(
    ("environ", "lang", "expected"),
    [
        ({"EXPLAINER_PUBLIC_URL": CLINIC}, "es", f"{CLINIC}/?lang=es"),
        (
            {"EXPLAINER_PUBLIC_URL": f"{CLINIC}/", "EXPLAINER_GUIDE_URL": "/guide/"},
            "en",
            f"{CLINIC}/guide/en/index.html",
        ),
        ({"EXPLAINER_GUIDE_URL": "https://guide.example.org/scs"}, "es", "https://guide.example.org/scs/es/index.html"),
        ({"EXPLAINER_GUIDE_URL": "/guide"}, "en", None),  # a path needs the public address
        ({}, "en", None),
        ({"EXPLAINER_PUBLIC_URL": "javascript:alert(1)"}, "en", None),
        ({"EXPLAINER_PUBLIC_URL": "https://clinic.example.org/a b"}, "en", None),
    ],
)
def test_the_phone_address_comes_from_configuration_only(environ, lang, expected):
    assert wrapup.phone_address(lang, environ) == expected


def test_the_code_reads_back_as_the_address():
    address = f"{CLINIC}/guide/es/index.html"
    svg = str(wrapup.qr_svg(address, "QR"))
    assert 'role="img"' in svg and 'aria-label="QR"' in svg
    png = io.BytesIO()
    wrapup.segno.make(address, error="m").save(png, kind="png", scale=6)
    png.seek(0)
    assert [result.text for result in zxingcpp.read_barcodes(Image.open(png))] == [address]


def session(**changes) -> wrapup.Session:
    values = dict(
        lang="en",
        topics_seen=(),
        topic_titles={
            "": "Overview",
            "risks": "Risks",
            "options": "Your options",
            "outcomes": "Results",
            "for-me": "For me",
        },
        pain_today=None,
        priorities=(),
        questions=(),
    )
    return wrapup.Session(**(values | changes))


def test_the_note_holds_exactly_what_the_session_holds():
    tables = export.summary_tables(DATA)
    empty = wrapup.record_note(session(), tables, datetime.date(2026, 11, 26))
    assert "Date: November 26, 2026" in empty and "Topics shown: none" in empty
    assert "- Pain today: none" in empty and "- What matters most: none" in empty and "Questions ticked: none" in empty
    assert "out of 100" not in empty, "no topic shown, so no figure discussed"
    full = wrapup.record_note(
        session(
            topics_seen=("", "risks"),
            pain_today=7,
            priorities=("Driving",),
            questions=("When can I drive again after the trial week and after the permanent device goes in?",),
        ),
        tables,
        datetime.date(2026, 11, 26),
    )
    assert "Topics shown: Overview, Risks" in full
    assert "- 50% to 70%: How much their pain went down (Aspire Pain Relief Institute" in full
    assert (
        "PROCESS trial, 6 months: Leg pain went down by at least half: about 48 out of 100 with stimulator plus usual"
        " care, about 9 out of 100 with usual care alone" in full
    )
    assert "Device taken out (UK study): About 18 out of 100 people, within 5 years; about 25 out of 100 people" in full
    assert "Data last reviewed: December 1, 2026" in full
    assert "- Pain today: 7 out of 10" in full and "- What matters most: Driving" in full
    assert "Downloaded" not in full and "offered" not in full, "nothing was downloaded in this session"
    for identifier in ("Name", "name:", "Patient:", "Date of birth"):
        assert identifier not in full


def test_the_summary_command_writes_one_page_with_the_code_when_the_address_is_set(tmp_path):
    out = tmp_path / "summary.html"
    command = [sys.executable, "-m", "explainer", "export", "--summary", "--lang", "es", "--out", str(out)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={"EXPLAINER_PUBLIC_URL": CLINIC})
    assert run.returncode == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    assert 'class="qr"' in page and f"{CLINIC}/?lang=es" in page and text.t("es", "wrap_up.summary_numbers") in page
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={})
    assert run.returncode == 0 and 'class="qr"' not in out.read_text(encoding="utf-8")
    # the key points' trial, with and without, and the five harms it lists, as grids; the drawing of what to do next
    assert out.read_text(encoding="utf-8").count("<svg") == 2 + 5 + 1


def test_the_wrap_up_page_says_why_there_is_no_code(monkeypatch):
    monkeypatch.delenv("EXPLAINER_PUBLIC_URL", raising=False)
    monkeypatch.delenv("EXPLAINER_GUIDE_URL", raising=False)
    app = open_page("pages/wrap-up.py")
    assert not app.exception
    assert "has not set the app's public address (EXPLAINER_PUBLIC_URL)" in shown(app.info[0].value)
    assert not app.get("image")
    monkeypatch.setenv("EXPLAINER_PUBLIC_URL", CLINIC)
    app = open_page("pages/wrap-up.py", "es")
    assert app.get("image") and app.code[0].value == f"{CLINIC}/?lang=es"


def test_the_note_lists_only_figures_from_pages_shown_each_with_its_comparison():
    """Issue 30: Overview, Results and For me show no North 2005; a note must not say it was discussed."""
    tables = export.summary_tables(DATA)
    day = datetime.date(2026, 11, 26)
    note = wrapup.record_note(session(topics_seen=("", "outcomes", "for-me")), tables, day)
    assert "PROCESS trial" in note and "PROMISE trial" in note
    assert "North 2005" not in note and "47 out of 100" not in note
    assert "Infection" not in note, "the risks page was not shown"
    assert "without" not in note
    assert "Downloaded" not in note and "offered" not in note
    options = wrapup.record_note(session(topics_seen=("options",), taken_home=("summary",)), tables, day)
    assert (
        "North 2005 trial, about 3 years on average: Pain went down by at least half, and the person was happy"
        " with it: about 47 out of 100 with stimulator, about 12 out of 100 with a second back surgery" in options
    )
    assert "Infection" not in options and "Device taken out" in options, "the options page shows no infection figure"
    assert "50% to 70%" not in options, "the options page shows none of the clinic's figures"
    assert "Downloaded in this session: the one-page summary" in options and "handout" not in options
    spanish = wrapup.record_note(session(lang="es", topics_seen=("options",)), tables, day)
    assert "Estudio North 2005, unos 3 años en promedio:" in spanish
    assert "12 de cada 100 con otra cirugía de espalda" in spanish and "sin él" not in spanish
    assert "- Preguntas marcadas: ninguna" in spanish and "Descargas" not in spanish
    nothing = wrapup.record_note(session(lang="es"), tables, day)
    assert "Cifras comentadas, con sus fuentes:\n- ninguna" in nothing and "Temas mostrados: ninguno" in nothing
