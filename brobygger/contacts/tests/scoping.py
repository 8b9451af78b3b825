"""Object routes of contacts, for the core authorisation walk. Messages belong to a county;
Bergen's side is Vestland, where the personas' county coordinator (NAV Vestland) works.
Directory entries are only ever reached by administrators (everyone else gets 403)."""

from brobygger.contacts.tests.factories import make_entry, make_message

OBJECTS = {
    "contacts_message_handle": lambda personas: make_message("4601"),
    "contacts_message_reopen": lambda personas: make_message("4601"),
    "county_coordinator_edit": lambda personas: make_entry(by=personas.admin),
    "county_coordinator_deactivate": lambda personas: make_entry(by=personas.admin),
    "county_coordinator_activate": lambda personas: make_entry(by=personas.admin),
}

# Read-log entries a permitted GET writes (accesslog/tests/test_route_walk.py): no participant
# data here (messages come from employers and leaders, coordinators are staff).
ACCESS_LOG = {
    "contacts_message_handle": 0,
    "contacts_message_reopen": 0,
    "county_coordinator_edit": 0,
    "county_coordinator_deactivate": 0,
    "county_coordinator_activate": 0,
}
