"""The app's pages as app.py lists them for st.navigation, so tests cover every page, new ones too."""

import ast
from dataclasses import dataclass

from tests.conftest import ROOT


@dataclass(frozen=True)
class AppPage:
    file: str
    url_path: str


def app_pages() -> list[AppPage]:
    """Read app.py's PAGES table: (file, address, title key, icon) tuples."""
    for node in ast.walk(ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "PAGES":
            return [AppPage(entry.elts[0].value, entry.elts[1].value) for entry in node.value.elts]
    raise AssertionError("app.py has no PAGES table")
