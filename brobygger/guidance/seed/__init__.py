"""Initial content loaded by migrations 0002 (bokmål) and 0004 (nynorsk, English), so a fresh
install has the tips page and a few links. Plain text in the small markup of
guidance/rendering.py."""
