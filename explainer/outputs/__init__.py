"""The take-home pages: handout, summary, diary and the patient guide, each from the folder checked once."""
