"""Deny by default, proven over every URL pattern."""

import pytest

from brobygger.core.urlwalk import walk

# Anonymous visitors may use these and nothing else.
PUBLIC_NAMES = {
    "healthz",
    # Readiness for deployments and monitoring: which checks pass, nothing else.
    "readyz",
    # The accessibility statement (linked from every page's footer).
    "accessibility_statement",
    # Anyone holding a diploma code may check it (rate limited; initials and date only).
    "diploma_verify",
    # Leaders find their county coordinator and write to them (rate limited, honeypot).
    "contacts_find",
    "contacts_message_create",
    "contacts_message_sent",
    # Advice for leaders and the resource library (published versions only).
    "guidance_index",
    "guidance_library",
    "guidance_document",
    "guidance_page",
    "account_login",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_signup",
    "account_login_code_confirm",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_logout",
    "account_login_by_code",
    "account_request_login_code",
    "account_confirm_login_code",
    # Taking an invitation: the person has no login yet (the typed code is rate limited).
    "invitation_accept",
    "invitation_open",
    # Applying online (issue 13): open cohorts, the e-mailed one-time link (rate limited),
    # the form for a verified address, and the applicant's own applications.
    "apply_index",
    "apply_start",
    "apply_verify",
    "apply_form",
    "apply_mine",
    # A participant's calendar subscription: the secret, revocable token is the key (404 else).
    "calendar_feed",
    # The REST API's OpenAPI document (no data; the operations themselves need a token).
    "openapi-json",
    # Choosing the interface language (also on the login page) and the JavaScript catalogue.
    "language_set",
    "javascript_catalog",
    # Logging in with ID-porten / Entra ID (allauth's OpenID Connect views) and their outcomes.
    "openid_connect_login",
    "openid_connect_callback",
    "socialaccount_login_cancelled",
    "socialaccount_login_error",
    "socialaccount_signup",
}


def project_routes():
    return [r for r in walk() if r.module.startswith("brobygger.")]


def test_every_project_view_declares_who_may_use_it():
    undeclared = [
        r.url
        for r in project_routes()
        if not getattr(r.callback, "brobygger_roles", None)
        and not getattr(r.callback, "brobygger_public", False)
    ]
    assert undeclared == []


@pytest.mark.django_db
def test_anonymous_is_refused_everywhere_but_the_public_pages(client):
    routes = list(walk())
    assert len(routes) > 10
    let_in = []
    for route in routes:
        if route.name in PUBLIC_NAMES or route.url.startswith("/admin/"):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(route.url)
            refused = response.status_code in (302, 403, 404, 405) and (
                response.status_code != 302 or "/konto/login" in response["Location"]
            )
            # allauth's old /konto/social/ addresses only redirect to /konto/3rdparty/, which
            # this walk checks under its own name.
            legacy = route.url.startswith("/konto/social/") and response.status_code == 301
            refused = refused or (legacy and response["Location"].startswith("/konto/3rdparty/"))
            # The REST API (api/v1.py) has no login page: no token is a 401 problem response.
            token_refused = route.url.startswith("/api/v1/") and response.status_code in (401, 405)
            refused = refused or token_refused
            if not refused:
                let_in.append((method, route.url, response.status_code))
    assert let_in == []


@pytest.mark.django_db
def test_admin_sends_anonymous_to_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]
