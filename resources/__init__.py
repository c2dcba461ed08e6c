"""Data shipped with the app: built-in templates, datasets, experiments, the report
template, translations and model artifacts. Read through ``common.resources``."""
