"""A user who sets their first password with «Glemt passord» can go on to set up MFA (issue: the
reset left the address unverified, allauth refused TOTP setup and sent the user to /konto/2fa/,
and the MFA gate sent them back to setup, for ever).

allauth's reset token mirrors `user.email` into an unverified EmailAddress row; a reset by the
link mailed to an address proves the person reads that address, so it then counts as verified.
Whatever else leaves an address unverified, the gate shows a page saying what to do instead of
bouncing between the two MFA pages.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client

from brobygger.accounts.testing import totp_code
from brobygger.accounts.tests.conftest import MFA_SETUP, log_in
from brobygger.employment.services import employer_user_add

pytestmark = pytest.mark.real_login

RESET = "/konto/password/reset/"
RESET_LINK = re.compile(r"https?://\S+/konto/password/reset/key/\S+/")
NEW_PASSWORD = "lyng-mose-brygge-tak"
MFA_INDEX = "/konto/2fa/"
RECOVERY_CODES = "/konto/2fa/recovery-codes/"
BLOCKED_TEXT = "Du kan ikke sette opp totrinnsinnlogging ennå"


@pytest.fixture
def committing_personas(transactional_db):
    """allauth announces a new authenticator on commit, so this needs real commits."""
    from brobygger.testing import build_personas

    return build_personas()


def add_employer_user(personas, email: str = "Erle.Leder@example.test"):
    """What «Gi tilgang» does: the e-mail address as user name, no password, no EmailAddress."""
    return employer_user_add(
        by=personas.coordinator,
        organisation=personas.employer_org,
        first_name="Erle",
        last_name="Leder",
        email=email,
    )


def reset_password_by_mail(client: Client, email: str, mailoutbox, password: str = NEW_PASSWORD):
    """«Glemt passord», the link in the mail, a new password: the pages a browser goes through."""
    sent = len(mailoutbox)
    assert client.post(RESET, {"email": email})["Location"] == "/konto/password/reset/done/"
    assert len(mailoutbox) == sent + 1
    mail = mailoutbox[-1]
    assert mail.to == [email]
    link = urlsplit(RESET_LINK.search(mail.body).group(0)).path  # type: ignore[union-attr]
    form_page = client.get(link)  # the key moves into the session, out of the address bar
    assert form_page.status_code == 302
    assert form_page["Location"].endswith("-set-password/")
    assert client.get(form_page["Location"]).status_code == 200
    done = client.post(form_page["Location"], {"password1": password, "password2": password})
    assert (done.status_code, done["Location"]) == (302, "/konto/password/reset/key/done/")


def test_a_new_employer_user_resets_the_password_logs_in_sets_up_the_app_and_gets_in(
    client, committing_personas, mailoutbox
):
    user = add_employer_user(committing_personas)
    assert not EmailAddress.objects.filter(user=user).exists()

    reset_password_by_mail(client, "erle.leder@example.test", mailoutbox)

    # The link came to this address, so the address counts as verified now.
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("erle.leder@example.test", True)
    ]
    assert log_in(client, "erle.leder@example.test", NEW_PASSWORD)["Location"] == "/"
    assert client.get("/")["Location"] == MFA_SETUP
    setup = client.get(MFA_SETUP)
    assert setup.status_code == 200  # the form, not a redirect to /konto/2fa/
    assert "Sett opp totrinnsinnlogging" in setup.content.decode()
    assert 'name="code"' in setup.content.decode()

    secret = client.session["mfa.totp.secret"]
    activated = client.post(MFA_SETUP, {"code": totp_code(secret)})

    assert activated["Location"] == RECOVERY_CODES
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    assert client.get(RECOVERY_CODES).status_code == 200
    home = client.get("/", follow=True)  # the test client raises on a redirect loop
    assert (home.status_code, home.redirect_chain) == (200, [])
    assert client.get(MFA_INDEX).status_code == 200


def test_the_reset_verifies_only_the_address_the_link_was_mailed_to(
    client, committing_personas, mailoutbox
):
    user = add_employer_user(committing_personas)
    EmailAddress.objects.create(user=user, email="erle.privat@example.test", verified=False)

    # An unverified address that is not the one staff entered gets no link (issue 10, finding 4).
    assert client.post(RESET, {"email": "erle.privat@example.test"}).status_code == 302
    assert mailoutbox == []
    reset_password_by_mail(client, "erle.leder@example.test", mailoutbox)

    assert dict(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == {
        "erle.leder@example.test": True,
        "erle.privat@example.test": False,
    }


def test_a_reset_link_that_is_never_used_verifies_nothing(client, committing_personas, mailoutbox):
    """Anyone may ask for a link for any address; only using it proves anything."""
    user = add_employer_user(committing_personas)

    assert client.post(RESET, {"email": "erle.leder@example.test"}).status_code == 302

    assert len(mailoutbox) == 1
    assert not EmailAddress.objects.filter(user=user, verified=True).exists()


def test_a_user_who_cannot_set_up_the_app_is_told_why_instead_of_being_bounced(client, personas):
    """An address nobody has verified (here: someone asked for a reset link for it and never used
    it, which leaves allauth's unverified copy of user.email behind): allauth refuses to set up
    the app, and the gate must not send the user round in circles."""
    user = personas.coordinator
    user.email = "kora@example.org"
    user.save()
    assert Client().post(RESET, {"email": "kora@example.org"}).status_code == 302
    assert EmailAddress.objects.filter(user=user, verified=False).exists()
    assert log_in(client, "koordinator")["Location"] == "/"

    for path in ("/", "/kull/", MFA_INDEX):
        page = client.get(path, follow=True)  # the test client raises on a redirect loop
        assert page.redirect_chain == [(MFA_SETUP, 302)], path
        html = page.content.decode()
        assert page.status_code == 403
        assert BLOCKED_TEXT in html
        assert "fordi e-postadressen din ikke er bekreftet" in html
        assert "Glemt passord" in html
        assert 'name="code"' not in html  # no setup form that would only be refused

    direct = client.get(MFA_SETUP)
    assert direct.status_code == 403
    assert BLOCKED_TEXT in direct.content.decode()
    assert client.post(MFA_SETUP, {"code": "123456"}).status_code == 403
    htmx = client.get("/kull/", headers={"HX-Request": "true"})
    assert (htmx.status_code, htmx["HX-Redirect"]) == (204, MFA_SETUP)
    assert not Authenticator.objects.filter(user=user).exists()
    assert client.post("/konto/logout/")["Location"] == "/konto/login/"


def test_doing_what_the_page_says_lets_the_user_set_up_the_app(client, personas, mailoutbox):
    user = personas.coordinator
    user.email = "kora@example.org"
    user.save()
    EmailAddress.objects.create(user=user, email="kora@example.org", verified=False, primary=True)
    log_in(client, "koordinator")
    assert BLOCKED_TEXT in client.get(MFA_SETUP).content.decode()
    client.post("/konto/logout/")

    reset_password_by_mail(client, "kora@example.org", mailoutbox)
    log_in(client, "koordinator", NEW_PASSWORD)

    setup = client.get("/", follow=True)
    assert (setup.status_code, setup.redirect_chain) == (200, [(MFA_SETUP, 302)])
    assert 'name="code"' in setup.content.decode()
    user.refresh_from_db()
    assert user.email == "kora@example.org"  # verifying changes no address
