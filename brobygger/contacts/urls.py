"""URL map for the county coordinator directory, the public contact pages and the inbox."""

from django.urls import path

from brobygger.contacts.views import directory, inbox, public

urlpatterns = [
    # Public (no login).
    path("finn-din-kontakt/", public.find_contact, name="contacts_find"),
    path("finn-din-kontakt/melding/", public.message_create, name="contacts_message_create"),
    path("finn-din-kontakt/melding/sendt/", public.message_sent, name="contacts_message_sent"),
    # County coordinators.
    path("fylkeskoordinator/innboks/", inbox.inbox, name="contacts_inbox"),
    path(
        "fylkeskoordinator/innboks/<int:pk>/behandlet/",
        inbox.message_handle,
        name="contacts_message_handle",
    ),
    path(
        "fylkeskoordinator/innboks/<int:pk>/gjenapne/",
        inbox.message_reopen,
        name="contacts_message_reopen",
    ),
    # Administrators.
    path(
        "administrasjon/fylkeskoordinatorer/",
        directory.coordinator_list,
        name="county_coordinator_list",
    ),
    path(
        "administrasjon/fylkeskoordinatorer/ny/",
        directory.coordinator_create,
        name="county_coordinator_create",
    ),
    path(
        "administrasjon/fylkeskoordinatorer/<int:pk>/endre/",
        directory.coordinator_edit,
        name="county_coordinator_edit",
    ),
    path(
        "administrasjon/fylkeskoordinatorer/<int:pk>/deaktiver/",
        directory.coordinator_deactivate,
        name="county_coordinator_deactivate",
    ),
    path(
        "administrasjon/fylkeskoordinatorer/<int:pk>/aktiver/",
        directory.coordinator_activate,
        name="county_coordinator_activate",
    ),
]
