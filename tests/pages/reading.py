"""Reading a page through AppTest as a reader would: open it in a language or in consult mode, take its text."""

import re

from streamlit.testing.v1 import AppTest

from tests.app_pages import app_pages
from tests.conftest import ROOT

TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")


def open_page(page_file: str, lang: str = "en") -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["lang"] = lang
    app.run()
    if page_file != app_pages()[0].file:
        app.switch_page(page_file).run()
        # AppTest resends a radio's default after switch_page; choose the language as a reader would.
        app.radio(key="lang").set_value(lang).run()
    return app


def page_text(app: AppTest) -> str:
    parts = [element.value for kind in TEXT_ELEMENTS for element in getattr(app, kind)]
    parts += [f"{metric.label} {metric.value}" for metric in app.metric]
    parts += [table.value.to_csv() for table in app.table]
    return shown("\n".join(str(part) for part in parts))


def shown(markdown: str) -> str:
    """Markdown as a reader sees it: escapes and bold markers removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("**", "")


def charts_of(app: AppTest) -> list:
    return list(app.get("vega_lite_chart"))


def open_consult(page_file: str) -> AppTest:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    app.query_params["mode"] = "consult"
    app.run()
    if page_file != app_pages()[0].file:
        app.switch_page(page_file).run()
    return app
