"""The wrap-up (issue 14): the phone address and its code, the note for the record, the one-page summary."""

import datetime
import io
import subprocess
import sys

import pytest
import zxingcpp
from PIL import Image

from explainer import wrapup
from explainer.outputs import export
from tests.conftest import DATA, ROOT
from tests.test_pages import open_page, shown

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
        topic_titles={"": "Overview", "risks": "Risks", "options": "Your options"},
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
            questions=("When can I drive again after the trial and after the implant?",),
        ),
        tables,
        datetime.date(2026, 11, 26),
    )
    assert "Topics shown: Overview, Risks" in full
    assert "- 50% to 70%: How much their pain went down (Aspire Pain Relief Institute" in full
    assert "PROCESS trial, 6 months: Leg pain went down by at least half: 48 out of 100 with SCS, 9 out of 100" in full
    assert "Device taken out: About 18 out of 100 people, within 5 years; about 25 out of 100 people" in full
    assert "Data last reviewed: November 25, 2026" in full
    assert "- Pain today: 7 out of 10" in full and "- What matters most: Driving" in full
    assert "A take-home handout and a one-page summary were offered." in full
    for identifier in ("Name", "name:", "Patient:", "Date of birth"):
        assert identifier not in full


def test_the_summary_command_writes_one_page_with_the_code_when_the_address_is_set(tmp_path):
    out = tmp_path / "summary.html"
    command = [sys.executable, "-m", "explainer", "export", "--summary", "--lang", "es", "--out", str(out)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={"EXPLAINER_PUBLIC_URL": CLINIC})
    assert run.returncode == 0, run.stderr
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and f"{CLINIC}/?lang=es" in page and "Lo que dicen los números" in page
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={})
    assert run.returncode == 0 and "<svg" not in out.read_text(encoding="utf-8")


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
