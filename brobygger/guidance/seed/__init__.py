"""Initial content loaded by migration 0002, so a fresh install has the tips page and a few
links. Plain text in the small markup of guidance/rendering.py."""
