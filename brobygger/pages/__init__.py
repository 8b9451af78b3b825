"""Pages that combine the panels of several apps (ADR 0024): the top layer beside the demo.

An app shows only its own things; a page that puts several apps' sections together lives here,
so no product-area app imports another one above it. The templates stay in the apps they belong
to (completion/enrolment_detail.html, core/home.html); the URLs and their names are unchanged.
"""
