"""Deny by default: every view declares who may use it.

`@roles(Role.COORDINATOR, ...)` lets signed-in users holding any of those roles (in any
organisation) reach the view; which *objects* they may see is then decided by the app's
selectors and `access.py` fetch-and-authorise helpers, which answer 404 for anything outside
the user's organisations. `@public` marks the few pages anonymous visitors may use. A test walks
every URL pattern and fails on a view that declares neither.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from brobygger.accounts.models import Membership, Role
from brobygger.core.audit import remember_roles

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def acting_user(request_or_user: Any) -> Any:
    """The user behind a request, or the user itself: access helpers take either."""
    return getattr(request_or_user, "user", request_or_user)


def user_memberships(request_or_user: Any) -> list[tuple[str, int]]:
    """(role, organisation_id) pairs the user holds now (memberships not ended by today, in
    Europe/Oslo); cached per request."""
    request = request_or_user if isinstance(request_or_user, HttpRequest) else None
    user: Any = request.user if request is not None else request_or_user
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if request is not None and hasattr(request, "_brobygger_memberships"):
        return request._brobygger_memberships  # type: ignore[no-any-return]
    # Ended memberships (ends_on today or earlier) give nothing: one query, checked every request.
    rows = list(
        Membership.objects.active().filter(user_id=user.pk).values_list("role", "organisation_id")
    )
    if request is not None:
        request._brobygger_memberships = rows  # type: ignore[attr-defined]
        # The audit trail's roles label for this request: the same rows, no second lookup.
        remember_roles(user, rows)
    return rows


def user_roles(request_or_user: Any) -> set[str]:
    return {role for role, _org in user_memberships(request_or_user)}


def org_ids_for(request_or_user: Any, *roles: str) -> set[int]:
    """Organisations in which the user holds one of `roles`."""
    return {org for role, org in user_memberships(request_or_user) if role in roles}


def has_role(request_or_user: Any, *roles: str) -> bool:
    return bool(user_roles(request_or_user) & set(roles))


def roles(*allowed: Role | str) -> Callable[[V], V]:
    allowed_set = frozenset(str(r) for r in allowed)

    def decorator(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user_roles(request) & allowed_set:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.brobygger_roles = allowed_set  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorator


def public(view: V) -> V:
    """Open to anonymous visitors. Keep this list short; tests list every public URL."""
    view.brobygger_public = True  # type: ignore[attr-defined]
    return view


def declared_roles(view: Callable[..., Any]) -> Iterable[str] | None:
    return getattr(view, "brobygger_roles", None)


def may_use(request_or_user: Any, view: Callable[..., Any]) -> bool:
    """Whether the user may open `view`, by the roles the view itself declares with @roles:
    a page shows a link to another view only when this holds, so link and view share one
    rule."""
    if getattr(view, "brobygger_public", False):
        return True
    allowed = declared_roles(view)
    return allowed is not None and bool(user_roles(request_or_user) & set(allowed))
