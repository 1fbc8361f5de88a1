"""Issue 29 through make serve: the icon font cut to the app's icons, and each topic's first screen."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit
from fontTools.ttLib import TTFont

from bench.serve import Clinic, running_clinic
from deploy.icon_font import ligatures
from tests.browser.test_proxy import get
from tests.conftest import ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def clinic(tmp_path_factory) -> Iterator[Clinic]:
    """`make serve` with one worker, as the phone measures run it."""
    with running_clinic(1, tmp_path_factory.mktemp("serve")) as clinic:
        yield clinic


def icons_the_code_names() -> set[str]:
    """Every `:material/NAME:` in the app's code, its topic table and its words."""
    files = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "page_parts").glob("*.py")]
    files += [*(ROOT / "explainer").rglob("*.py"), *(ROOT / "explainer" / "content").glob("*.toml")]
    return {name for path in files for name in re.findall(r":material/([a-z0-9_]+):", path.read_text("utf-8"))}


def test_the_served_icon_font_holds_every_icon_the_app_shows_and_little_else(clinic, tmp_path):
    page = get(f"{clinic.url}/", {"Accept-Encoding": "identity"})[2]
    stylesheet = re.search(rb'href="\./(static/css/[^"]+\.css)"', page).group(1).decode()
    styles = get(f"{clinic.url}/{stylesheet}")[2].decode()
    font = "static/" + re.search(r"media/MaterialSymbols-Rounded[^)]+\.woff2", styles)[0]
    status, _, served = get(f"{clinic.url}/{font}")
    (tmp_path / "icons.woff2").write_bytes(served)
    icons = ligatures(TTFont(tmp_path / "icons.woff2"))
    named = icons_the_code_names()
    # Streamlit's own: the phone's menu arrows, the expanders' and the select box's arrows, the help icon.
    shown_by_streamlit = {"keyboard_double_arrow_left", "keyboard_double_arrow_right", "keyboard_arrow_down",
                          "keyboard_arrow_right", "help", "close"}  # fmt: skip
    assert status == 200 and len(named) > 20
    assert named | shown_by_streamlit <= icons.keys(), sorted((named | shown_by_streamlit) - icons.keys())
    original = (Path(streamlit.__file__).parent / "static" / font).stat().st_size
    assert len(served) < original / 20, (len(served), original)  # 375 KB before the cut
