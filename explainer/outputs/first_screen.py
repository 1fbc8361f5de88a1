"""Each topic's first screen under make serve: the guide's page for that topic, in the app's layout.

make serve puts it into Streamlit's start page, so a first visit shows the topic (words, figures, charts
as SVG, the pain control as plain radio buttons) before the app's scripts arrive. Its links go to the
guide, which works without the app.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Mapping

from explainer import personal, topics, wrapup
from explainer.outputs import guide
from explainer.outputs.render import DataFolder
from explainer.text import t

LAYOUT = "first_screen/base.html.j2"
APP_ONLY_TOPIC = "first_screen/topic.html.j2"  # a topic the guide has no page for
OWN_TEMPLATES = {topics.WRAP_UP.name: "first_screen/wrap-up.html.j2", topics.FOR_ME.name: "first_screen/for-me.html.j2"}
# The guide's page for "For me" is its list of questions, not the app's page: that topic gets its own first
# screen (its title, what it is for, the balance of benefits and harms).
OWN_FIRST_SCREEN = (topics.FOR_ME,)
# The guide's links between its own pages ("results.html#your-pain", "../handout-en.html"), as it writes them.
GUIDE_LINK = re.compile(r'href="(\.\./)?([a-z0-9-]+\.html(?:#[^"]*)?)"')


def first_screens(
    data_dir: DataFolder, guide_url: str = "/guide", font: bytes | None = None, environ: Mapping[str, str] = os.environ
) -> dict[tuple[str, str], str]:
    """(app address, language) -> that topic's first screen, an HTML fragment with its own scoped style,
    in the app's type (`font`, Streamlit's Source Sans as woff2) when given, else the system's sans-serif.
    `environ` holds the workers' settings (the wrap-up's address for the patient's phone)."""
    screens = {}
    for lang, in_language in guide.language_contexts(data_dir):
        files = [file for file, _ in in_language["topics"]]
        # The app's own list of topics in its top bar, each linked to the guide's page for it (or its start).
        app_topics = [(topic.address, topic.guide_file or files[0], t(lang, f"app.{topic.app_title}"))
                      for topic in topics.in_app()]  # fmt: skip
        context = {
            **in_language,
            "layout": LAYOUT,
            "app_topics": app_topics,
            "font_data": font and base64.b64encode(font).decode(),
            # For me before anything is chosen: the other topics the guide has a page for, the questions for all.
            "guide_topics": [(topic.guide_file, t(lang, f"app.{topic.app_title}")) for topic in topics.in_app()
                             if topic.guide_file and topic is not topics.FOR_ME],
            "first_questions": [t(lang, f"questions.{key}") for key in personal.questions_for([], None)],
        }  # fmt: skip
        for topic in topics.in_app():
            if topic.guide_file and topic not in OWN_FIRST_SCREEN:
                page = guide.render_topic(context, topic.guide_file, files.index(topic.guide_file),
                                          address=topic.address, app_only=False)  # fmt: skip
            else:
                phone = wrapup.phone_address(lang, environ)
                qr_code = phone and wrapup.qr_svg(phone, t(lang, "wrap_up.qr_alt", address=phone))
                page = guide.render_topic(context, files[0], 0, OWN_TEMPLATES.get(topic.name, APP_ONLY_TOPIC),
                                          address=topic.address, app_only=True, section=topic.name,
                                          phone_address=phone, qr_code=qr_code)  # fmt: skip
            screens[(topic.address, lang)] = GUIDE_LINK.sub(
                lambda link, lang=lang: f'href="{guide_url}/{"" if link[1] else lang + "/"}{link[2]}"', page
            )
    return screens
