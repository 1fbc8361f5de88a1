"""What a Streamlit upgrade must re-check: the one place the app works around the framework."""

import streamlit


def test_the_legacy_pages_workaround_was_checked_on_this_streamlit():
    assert streamlit.__version__ == "1.67.0", (
        "page_parts/frame.py hand_a_legacy_visit_to_the_router: Streamlit 1.67 runs pages/<name>.py without "
        "app.py on a fresh server's first deep link. Run tests/browser/test_in_chromium.py::"
        "test_a_deep_link_is_the_first_visit_to_a_fresh_server on the new version, drop the workaround if it "
        "passes without it, then change this version."
    )
