"""A participant's own data ("Mine data"): built from the sections apps register
(privacy/registry.py), given as JSON and as a readable page."""
