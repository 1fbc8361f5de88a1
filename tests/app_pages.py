"""The app's pages, from the same table app.py gives st.navigation, so tests cover every page, new ones too."""

from dataclasses import dataclass

from page_parts.frame import PAGES


@dataclass(frozen=True)
class AppPage:
    file: str
    url_path: str


def app_pages() -> list[AppPage]:
    return [AppPage(file, address) for file, address, _, _ in PAGES]
