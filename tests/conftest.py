import shutil
from pathlib import Path

import pytest
import streamlit as st

from explainer import child_check, data_folder

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    """Each test starts with Streamlit's caches empty, so what one test loaded cannot leak into another."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(autouse=True, scope="session")
def check_each_data_folder_once():
    """The app checks its data folder in a child process (0.8 s); the tests ask it once per folder and file state.

    Keyed as the app keys its own cache (the folder, each CSV's name, size and time), so an edited or new
    folder is checked again; a check that stopped is never kept.
    """
    real = child_check.FolderCheck
    answers = {}

    class CheckedOnce:
        def __init__(self, data_dir):
            self.key = (str(Path(data_dir).resolve()), data_folder.stamp(Path(data_dir)))
            self.check = None if self.key in answers else real(data_dir)

        def answer(self):
            if self.key not in answers:
                answers[self.key] = self.check.answer()
            return answers[self.key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(child_check, "FolderCheck", CheckedOnce)
        yield


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled data folder that a test may break."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    """Edit one CSV in place; fails loudly if the text to replace is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
