"""Thin views: public pages (public.py), the coordinators' inbox (inbox.py) and the
administrators' directory pages (directory.py)."""
