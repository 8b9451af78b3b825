"""Object routes of guidance, for the core authorisation walk. Pages and resources belong to no
organisation: only administrators reach these routes (everyone else gets 403). The public
document route is keyed by a UUID, not a row id, because the library is public."""

from brobygger.guidance.tests.factories import make_page, make_resource, pdf


def _document(personas):
    return make_resource(by=personas.admin, title="Veileder (PDF)", document=pdf())


OBJECTS = {
    "guidance_page_edit": lambda personas: make_page(by=personas.admin),
    "guidance_page_history": lambda personas: make_page(by=personas.admin),
    "guidance_page_restore": lambda personas: make_page(by=personas.admin),
    "guidance_resource_edit": lambda personas: make_resource(by=personas.admin),
    "guidance_resource_history": lambda personas: make_resource(by=personas.admin),
    "guidance_resource_restore": lambda personas: make_resource(by=personas.admin),
    "guidance_resource_version_document": _document,
    # Public routes keyed by a slug or UUID: the builder returns the URL's arguments.
    "guidance_document": lambda personas: {"key": _document(personas).key},
    "guidance_page": lambda personas: {"slug": make_page(by=personas.admin).slug},
}
EXTRA_ARGS = {
    "guidance_page_restore": {"number": 1},
    "guidance_resource_restore": {"number": 1},
    "guidance_resource_version_document": {"number": 1},
}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): public guidance
# holds no participant data.
ACCESS_LOG = {
    "guidance_page_edit": 0,
    "guidance_page_history": 0,
    "guidance_page_restore": 0,
    "guidance_resource_edit": 0,
    "guidance_resource_history": 0,
    "guidance_resource_restore": 0,
    "guidance_resource_version_document": 0,
}
