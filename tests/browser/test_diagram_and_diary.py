"""Where the parts go, and the trial week diary, as a patient meets them: phone, screen reader, printer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from explainer import diagram
from explainer.outputs import export
from tests.browser.conftest import SCREENSHOTS, SLIDER, VIEWPORTS, AppPage
from tests.browser.test_in_chromium import WCAG_TAGS
from tests.conftest import DATA

pytestmark = pytest.mark.browser


def printed_pages(page, paper: str) -> int:
    page.emulate_media(media="print")
    return len(re.findall(rb"/Type\s*/Page[^s]", page.pdf(format=paper)))


@pytest.mark.parametrize(("path", "lang"), [("/", "en"), ("/procedure", "es")])
def test_the_drawing_is_on_the_page_fits_a_phone_and_passes_axe(app: AppPage, viewport, path, lang):
    """On the overview both drawings fold under "Where the parts go"; on the procedure each has its own tab."""
    tab = app.open(f"{path}?lang={lang}")
    main = tab.get_by_test_id("stMain")
    heading = "Where the parts go" if lang == "en" else "Dónde van las partes"
    if path == "/":
        expect(main.get_by_role("img", name=diagram.implant_diagram("trial", lang).alt_text)).to_be_hidden()
        main.get_by_text(heading, exact=True).click()
    else:
        expect(main.get_by_role("heading", name=heading)).to_be_visible()
    for stage in diagram.STAGES:
        drawing = diagram.implant_diagram(stage, lang)
        if path != "/":
            main.get_by_role("tab", name=drawing.title).click()
        image = main.get_by_role("img", name=drawing.alt_text)
        expect(image).to_be_visible()
        box = image.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[viewport]["width"], box
        expect(main.get_by_text(drawing.legend[2]).filter(visible=True)).to_be_visible()
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    main.get_by_role("img", name=diagram.implant_diagram("implant", lang).alt_text).scroll_into_view_if_needed()
    tab.screenshot(path=SCREENSHOTS / f"{viewport}-diagram-{lang}.png")
    assert app.problems == []


@pytest.mark.parametrize("viewport", ["desktop"], indirect=True)
def test_the_diary_download_carries_the_pain_only_once_it_is_chosen(app: AppPage, tmp_path):
    tab = app.open("/procedure")
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download a diary for your trial week").click()
    untouched = Path(download.value.path()).read_text(encoding="utf-8")
    assert "My usual pain before the trial: ____ out of 10" in untouched
    assert "If your pain in the trial week is the number under it or lower, it went down by at least half." in untouched
    # whole scores, as a patient writes them: 1 -> 0, 2 -> 1, 3 -> 1, 4 -> 2 (the highest score at most half)
    assert '<th scope="row">Half or less</th><td>0</td><td>1</td><td>1</td><td>2</td>' in untouched
    tab = app.open("/for-me")
    tab.locator(SLIDER).first.focus()
    for _ in range(2):
        app.rerun_after(lambda: tab.keyboard.press("ArrowLeft"))
    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download a diary for your trial week").click()
    chosen = Path(download.value.path()).read_text(encoding="utf-8")
    assert "My usual pain before the trial: 6 out of 10" in chosen
    assert "If your pain in the trial week is 3 out of 10 or lower, it went down by at least half." in chosen
    # A download shows in the browser's log as an aborted request for the file; nothing else may fail.
    assert [problem for problem in app.problems if "/media/" not in problem] == []


@pytest.mark.parametrize(("lang", "usual_pain"), [("en", 8), ("es", None)])
def test_the_diary_prints_on_exactly_one_page(browser, tmp_path, lang, usual_pain):
    path = tmp_path / "diary.html"
    path.write_text(export.diary_html(DATA, lang, usual_pain), encoding="utf-8")
    page = browser.new_context(viewport=VIEWPORTS["desktop"]).new_page()
    page.goto(path.as_uri())
    if usual_pain:
        expect(page.get_by_text("If your pain in the trial week is 4 out of 10 or lower", exact=False)).to_be_visible()
    else:
        expect(page.get_by_text("Busque su dolor de siempre en la fila de arriba", exact=False)).to_be_visible()
        halves = page.locator("table.halves")
        halves_row = re.compile(r"La mitad o menos\s*0\s*1\s*1\s*2\s*2\s*3\s*3\s*4\s*4\s*5$")
        expect(halves.get_by_role("row", name="La mitad o menos")).to_have_text(halves_row)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    assert printed_pages(page, "A4") == 1 and printed_pages(page, "Letter") == 1
    page.pdf(path=SCREENSHOTS / f"diary-{lang}-letter.pdf", format="Letter")
    page.emulate_media(media="screen")
    page.set_viewport_size(VIEWPORTS["phone"])
    halves = page.locator("table.halves")
    if usual_pain is None:  # the halves from 1 to 10 fit a phone's width, with no sideways scrolling
        assert halves.bounding_box()["x"] + halves.bounding_box()["width"] <= VIEWPORTS["phone"]["width"]
        halves.screenshot(path=SCREENSHOTS / f"phone-diary-halves-{lang}.png")
    else:
        expect(halves).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    page.context.close()


def test_the_guides_diary_page_prints_on_one_page_too(browser, tmp_path):
    export.write_site(DATA, tmp_path / "site")
    page = browser.new_context(java_script_enabled=False).new_page()
    for lang in ("en", "es"):
        page.goto((tmp_path / "site" / lang / "diary.html").as_uri())
        expect(page.locator("h1")).to_be_visible()
        assert printed_pages(page, "A4") == 1 and printed_pages(page, "Letter") == 1, lang
        page.emulate_media(media="screen")
    page.context.close()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_limits_drawing_has_its_words_and_fits_a_phone(app: AppPage, viewport, tmp_path, lang):
    """The lifting, bending and reaching limits: a drawing named by its text alternative, inside the screen's
    width, its legend in the reader's language, on Procedure and on the guide's procedure page."""
    drawing = diagram.limits_diagram(lang)
    width = VIEWPORTS[viewport]["width"]
    tab = app.open(f"/procedure?lang={lang}")
    main = tab.get_by_test_id("stMain")
    image = main.get_by_role("img", name=drawing.alt_text)
    expect(image).to_be_hidden()  # folded under its plain heading, so the page stays short on a phone
    main.get_by_text(drawing.title, exact=True).click()
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    box = image.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["width"] >= 300, box
    for item in drawing.legend:
        expect(main.get_by_text(item, exact=True)).to_be_visible()
    assert tab.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    results = Axe().run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    tab.screenshot(path=SCREENSHOTS / f"{viewport}-limits-{lang}.png")
    assert app.problems == []
    export.write_site(DATA, tmp_path / "site")
    guide_page = app.page.context.new_page()
    guide_page.goto((tmp_path / "site" / lang / "procedure.html").as_uri())
    image = guide_page.get_by_role("img", name=drawing.alt_text)
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    box = image.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert guide_page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    guide_page.screenshot(path=SCREENSHOTS / f"{viewport}-guide-limits-{lang}.png")
    guide_page.close()
