"""URL map for guidance pages and the resource library (public), and their editing (admin)."""

from django.urls import path

from brobygger.guidance.views import pages, public, resources

ADMIN = "administrasjon/veiledning/"

urlpatterns = [
    # Public (no login). The library comes before the page slugs ("ressurser" is reserved).
    path("veiledning/", public.index, name="guidance_index"),
    path("veiledning/ressurser/", public.library, name="guidance_library"),
    path(
        "veiledning/ressurser/<uuid:key>/dokument/",
        public.document,
        name="guidance_document",
    ),
    path("veiledning/<slug:slug>/", public.page, name="guidance_page"),
    # Administrators.
    path(ADMIN, pages.manage, name="guidance_manage"),
    path(f"{ADMIN}sider/ny/", pages.page_create, name="guidance_page_create"),
    path(f"{ADMIN}sider/<int:pk>/endre/", pages.page_edit, name="guidance_page_edit"),
    path(f"{ADMIN}sider/<int:pk>/versjoner/", pages.page_history, name="guidance_page_history"),
    path(
        f"{ADMIN}sider/<int:pk>/versjoner/<int:number>/gjenopprett/",
        pages.page_restore,
        name="guidance_page_restore",
    ),
    path(f"{ADMIN}ressurser/ny/", resources.resource_create, name="guidance_resource_create"),
    path(
        f"{ADMIN}ressurser/<int:pk>/endre/",
        resources.resource_edit,
        name="guidance_resource_edit",
    ),
    path(
        f"{ADMIN}ressurser/<int:pk>/versjoner/",
        resources.resource_history,
        name="guidance_resource_history",
    ),
    path(
        f"{ADMIN}ressurser/<int:pk>/versjoner/<int:number>/gjenopprett/",
        resources.resource_restore,
        name="guidance_resource_restore",
    ),
    path(
        f"{ADMIN}ressurser/<int:pk>/versjoner/<int:number>/dokument/",
        resources.resource_version_document,
        name="guidance_resource_version_document",
    ),
]
