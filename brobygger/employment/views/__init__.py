"""Thin views for the employment app, split by audience."""
