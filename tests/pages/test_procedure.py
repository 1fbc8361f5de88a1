"""The procedure page: every step, the drawing of where the parts go, the diary."""

from explainer import data
from explainer.outputs import export
from tests.conftest import DATA
from tests.pages.reading import open_page, page_text


def test_procedure_page_lists_every_step_and_the_gentle_difference():
    text = page_text(open_page("pages/procedure.py"))
    for title in data.load_procedure(DATA).frame["title_en"]:
        assert title in text
    assert "That describes this trial step." in text
    assert "Numbing medicine in the skin of your back" in text
    assert "at least 5 on a 0 to 10 scale (50 on a 0 to 100 scale)" in text, "the pain scale of the pain control"
    for internal in ("checked sources", "Our checked", "longer limits"):
        assert internal not in text
    assert "North Bristol NHS Trust" in text, "the leaflets are named"


def test_the_diary_carries_the_pain_only_when_the_patient_chose_it():
    app = open_page("pages/procedure.py")
    (button,) = [b for b in app.get("download_button") if b.proto.label == "Download a diary for your trial week"]
    assert button is not None
    untouched = export.diary_html(DATA, "en", None)
    assert "My usual pain before the trial: ____ out of 10" in untouched and "out of 10 or lower" not in untouched
    chosen = export.diary_html(DATA, "en", 8)
    assert "My usual pain before the trial: 8 out of 10" in chosen
    assert "If your pain in the trial week is 4 out of 10 or lower, it went down by at least half." in chosen
