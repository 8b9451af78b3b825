"""Thin views: public pages and library (public.py), administrators' pages (pages.py) and
resources (resources.py)."""
