"""The app's pages as app.py lists them in st.navigation, so tests cover every page, new ones too."""

import ast
from dataclasses import dataclass

from tests.conftest import ROOT


@dataclass(frozen=True)
class AppPage:
    file: str
    url_path: str


def app_pages() -> list[AppPage]:
    pages = []
    for node in ast.walk(ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "Page":
            file = node.args[0].value
            keywords = {keyword.arg: keyword.value for keyword in node.keywords}
            is_default = "default" in keywords and keywords["default"].value is True
            url_path = "" if is_default else keywords["url_path"].value
            pages.append(AppPage(file, url_path))
    return pages
