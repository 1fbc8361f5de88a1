"""The app's pages, from the same table app.py gives st.navigation, so tests cover every page, new ones too."""

from dataclasses import dataclass

from explainer import topics


@dataclass(frozen=True)
class AppPage:
    file: str
    url_path: str


def app_pages() -> list[AppPage]:
    return [AppPage(topic.page_file, topic.address) for topic in topics.in_app()]
