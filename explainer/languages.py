"""The languages the explainer speaks: one TOML file of words each in explainer/content/, English first.

Adding a language is data: its TOML file, its CSV columns and their fields in data/datapackage.json.
"""

from __future__ import annotations

from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
DEFAULT_LANGUAGE = "en"
LANGUAGES = tuple(
    sorted((path.stem for path in CONTENT_DIR.glob("*.toml")), key=lambda code: (code != DEFAULT_LANGUAGE, code))
)
