"""The benchmark baseline: a title, one Altair bar chart of three numbers, one line of text."""

import altair as alt
import pandas as pd
import streamlit as st

st.title("Baseline")
numbers = pd.DataFrame({"label": ["a", "b", "c"], "value": [3, 5, 2]})
st.altair_chart(alt.Chart(numbers).mark_bar().encode(x="label", y="value"), alt="Three bars: a 3, b 5, c 2.")
st.write("One line of text.")
