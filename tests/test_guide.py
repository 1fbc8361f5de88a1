"""The patient guide: every topic in every language, its figures, sources and clinic, no script, within budget."""

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import data, text
from explainer.outputs import export, guide
from tests.conftest import DATA, ROOT, replace_in
from tests.pages.reading import open_page, page_text

SOURCE_LINKS = {link for link in data.load_sources(DATA).frame["link"] if link}

VNU_JAR = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Guide page -> the app page that shows the same figures.
APP_PAGE_OF = {"results.html": "pages/outcomes.py", "trials.html": "pages/evidence.py", "risks.html": "pages/risks.py"}
# What counts as a figure on screen: "85 out of 100", "2.4 to 4 out of 10", "50% to 70%", "Entre 30 y 40" ...
NUMBER = r"\d+(?:[.,]\d+)?"
FIGURE = {
    "en": re.compile(rf"{NUMBER}(?: to {NUMBER})? out of (?:100|10)\b|{NUMBER}% to {NUMBER}%|{NUMBER}%"),
    "es": re.compile(
        rf"{NUMBER}(?: a {NUMBER})? de (?:cada )?(?:100|10)\b|Entre {NUMBER} y {NUMBER}"
        rf"|{NUMBER} % a {NUMBER} %|{NUMBER} %"
    ),
}


@pytest.fixture(scope="module")
def site() -> dict[str, str]:
    return export.site_files(DATA, app_url="https://app.example.org/")


def visible_text(page: str) -> str:
    """The words a reader sees: no tags, no style sheet, no chart labels inside the SVG."""
    page = re.sub(r"<style>.*?</style>|<svg.*?</svg>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_every_topic_in_every_language(site):
    for lang in data.LANGUAGES:
        for file, _ in guide.TOPICS:
            page = site[f"{lang}/{file}"]
            assert f'<html lang="{lang}">' in page
            assert "Aspire Pain Relief Institute" in page and 'href="tel:813-296-5939"' in page, (lang, file)
            assert 'href="https://app.example.org/?lang=' in page
            for other_file, _ in guide.TOPICS:
                assert f'href="{other_file}"' in page  # the topic menu
            other = "es" if lang == "en" else "en"
            assert f'href="../{other}/{file}"' in page  # the language switch lands on the same topic


def test_each_page_holds_its_figures_and_numbered_sources(site):
    en = {file: visible_text(site[f"en/{file}"]) for file, _ in guide.TOPICS}
    assert all(figure in en["index.html"] for figure in ("50% to 70%", "85 out of 100", "72 out of 100"))
    assert all(figure in en["results.html"] for figure in ("85 out of 100 people", "better by 50%"))
    assert all(figure in en["trials.html"] for figure in ("48 out of 100", "9 out of 100", "34 out of 100"))
    assert "About 2 to 3 out of 100 devices put in" in en["risks.html"] and "within 30 days" in en["risks.html"]
    assert "Step 7: Fine-tune and follow up" in en["procedure.html"]
    assert "Bendel MA, O'Brien T, Hoelzer BC, et al." in en["sources.html"]
    es = visible_text(site["es/trials.html"])
    assert "48 de cada 100" in es and "What careful studies found" not in es
    for file in ("index.html", "results.html", "trials.html", "procedure.html", "risks.html"):
        cited = set(re.findall(r'href="#source-(\d+)"', site[f"en/{file}"]))
        assert cited, file
        listed = set(re.findall(r'<li value="(\d+)" id="source-\d+"', site[f"en/{file}"]))
        assert cited == listed, file  # every mark has its entry under "Sources on this page"
    listed = re.findall(
        r'<li value="(\d+)" id="source-(\d+)" class="card">\s*<p><strong>([^<]*)', site["en/sources.html"]
    )
    assert [int(n) for n, _, _ in listed] == list(range(1, len(listed) + 1))
    assert any("Kumar K" in citation and "2007" in citation for _, _, citation in listed)


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_each_guide_page_numbers_its_sources_in_reading_order(site, lang):
    """Issue 30: as on the take-home pages, a page's first source is [1], the next new one [2]... (the guide
    kept one number per source across its pages, so its first page began at [4])."""
    for file, _ in guide.TOPICS:
        page = re.sub(r"<(svg|style)\b.*?</\1>", "", site[f"{lang}/{file}"], flags=re.DOTALL)
        body = page.partition('id="sources-here"')[0]
        first_seen = list(dict.fromkeys(int(n) for n in re.findall(r"\[(\d+)\]", re.sub(r"<[^>]+>", " ", body))))
        assert first_seen == list(range(1, len(first_seen) + 1)), (file, first_seen)


@pytest.mark.parametrize("lang", data.LANGUAGES)
def test_the_guide_and_the_app_show_the_same_numbers(data_copy, monkeypatch, lang):
    """From one data folder (with a figure changed, so nothing can be typed in): the app's figures are in the guide."""
    replace_in(data_copy / "trials.csv", ",48,9,", ",46,9,")
    monkeypatch.setenv("EXPLAINER_DATA_DIR", str(data_copy))
    pages = export.site_files(data_copy)
    for guide_file, app_file in APP_PAGE_OF.items():
        app_figures = set(FIGURE[lang].findall(page_text(open_page(app_file, lang)).replace("\xa0", " ")))
        guide_figures = set(FIGURE[lang].findall(visible_text(pages[f"{lang}/{guide_file}"]).replace("\xa0", " ")))
        assert app_figures, guide_file
        assert app_figures <= guide_figures, (guide_file, app_figures - guide_figures)
    assert "46 out of 100" in visible_text(pages["en/trials.html"]) or lang == "es"


def test_pain_control_is_drawn_ahead_of_time_for_every_score(site):
    page = site["en/results.html"]
    assert len(re.findall(r'<input type="radio" name="pain"', page)) == 11
    assert re.search(r'id="pain-8" value="8"[^>]* checked', page)
    sentences = visible_text(page)
    assert (
        "If your pain today is 8 out of 10, a drop of 50% to 70% would leave it at about 2 to 4 out of 10." in sentences
    )
    assert (
        "If your pain today is 4 out of 10, a drop of 50% to 70% would leave it at about 1 to 2 out of 10." in sentences
    )


def test_questions_page_lists_every_question_with_a_box(site):
    page = site["en/questions.html"]
    questions = [key for key in text.strings("en") if key.startswith("questions.")]
    assert page.count('type="checkbox"') == len(questions)
    assert "My pain today is ___ out of 10." in html.unescape(page)


def test_no_script_no_outside_request_and_within_budget(site):
    for name, page in site.items():
        size = len(page.encode())
        budget = export.HANDOUT_BUDGET_BYTES if name.startswith("handout") else guide.PAGE_BUDGET_BYTES
        assert size <= budget, (name, size)
        assert "@import" not in page and "url(" not in page and "@font-face" not in page, name
        assert not re.search(r"""src\s*=\s*["']?(https?:)?//""", page), name  # nothing loads from outside
        outside = {
            link
            for link in re.findall(r"""href\s*=\s*["']?((?:https?:)?//[^"' >]+)""", page)
            if not link.startswith("https://app.example.org")
        }
        # The only links out: a source's own public address, on the sources page, for the reader to follow.
        assert outside <= (SOURCE_LINKS if name.endswith("/sources.html") else set()), (name, outside)
        if name != "index.html":
            assert "<script" not in page.lower(), name
    # The one script: the language picker of the folder's first page (a static file cannot read Accept-Language).
    assert site["index.html"].lower().count("<script") == 1 and 'href="es/index.html"' in site["index.html"]


def test_export_site_command_writes_the_guide_and_uses_the_clinic_data_folder(tmp_path, data_copy):
    replace_in(data_copy / "clinic.csv", "Aspire Pain Relief Institute", "Valley Spine Clinic")
    run = [sys.executable, "-m", "explainer", "export", "--site", str(tmp_path / "site"), "--app-url", "https://a.b/x/"]
    result = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, env={"EXPLAINER_DATA_DIR": str(data_copy)})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "es" / "risks.html").read_text(encoding="utf-8")
    assert "Valley Spine Clinic" in page and 'href="https://a.b/x/?lang=es"' in page
    assert sorted(path.name for path in (tmp_path / "site").iterdir()) == [
        "en", "es", "handout-en.html", "handout-es.html", "index.html"
    ]  # fmt: skip


def test_broken_data_exits_1_with_check_data_lines_and_leaves_the_site_untouched(tmp_path, data_copy):
    site = tmp_path / "site"
    export.write_site(DATA, site)
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}
    replace_in(data_copy / "outcomes.csv", ",50,70,", ",50,700,")
    replace_in(data_copy / "trials.csv", "kumar-2007", "nobody")
    check = subprocess.run([sys.executable, "-m", "explainer", "check-data", str(data_copy)], cwd=ROOT,
                           capture_output=True, text=True)  # fmt: skip
    export_run = subprocess.run([sys.executable, "-m", "explainer", "export", "--site", str(site),
                                 "--data", str(data_copy)], cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert export_run.returncode == 1 and check.returncode == 1
    assert export_run.stdout == check.stdout
    assert "outcomes.csv:2:value_high" in export_run.stdout and "trials.csv:2:source_id" in export_run.stdout
    assert "Traceback" not in export_run.stderr
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "site"]  # no half-built folder left


def test_the_nu_html_checker_finds_no_error(tmp_path):
    java = shutil.which("java")
    assert java and VNU_JAR.exists(), "run `make test`: it installs Java and the Nu checker (tools/)"
    export.write_site(DATA, tmp_path / "site")
    files = sorted(str(path) for path in (tmp_path / "site").rglob("*.html"))
    assert len(files) == 2 * len(guide.TOPICS) + 3
    result = subprocess.run([java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
                            capture_output=True, text=True)  # fmt: skip
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert messages == [], messages


def test_the_nu_checker_is_not_a_rubber_stamp(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text(export.site_files(DATA)["en/index.html"].replace("<main", '<span id="content"></span><main'))
    result = subprocess.run(["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(broken)],
                            capture_output=True, text=True)  # fmt: skip
    assert "Duplicate ID" in json.loads(result.stderr or result.stdout)["messages"][0]["message"]


def test_guide_page_paths_are_relative_so_file_urls_work(site):
    for name, page in site.items():
        for target in re.findall(r'href="([^"#]+)"', page):
            if target.startswith(("https://app.example.org", "tel:", "data:")):
                continue
            if name.endswith("/sources.html") and target in SOURCE_LINKS:
                continue  # a source's own public address, from sources.csv
            assert not target.startswith("/"), (name, target)
            assert (Path("/site") / name).parent.joinpath(target).resolve().relative_to("/site").as_posix() in site, (
                name,
                target,
            )
