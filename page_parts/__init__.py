"""The Streamlit parts every page shares: the frame around it (frame.py) and the page helpers (shared.py)."""
