"""Choosing the language: on the login page, in the header, remembered on the login."""

import pytest

from brobygger.core.models import AuditEvent


@pytest.mark.django_db
def test_a_visitor_picks_nynorsk_on_the_login_page_and_the_page_follows(client):
    page = client.get("/konto/login/")
    assert 'lang="nb"' in page.content.decode()
    assert b'name="language" value="nn"' in page.content

    response = client.post("/sprak/", {"language": "nn", "next": "/konto/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/login/"

    page = client.get("/konto/login/")
    assert page["Content-Language"] == "nn"
    assert '<html lang="nn"' in page.content.decode()


@pytest.mark.django_db
def test_the_browser_s_wish_is_followed_until_a_choice_is_made(client):
    page = client.get("/konto/login/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.content.decode()


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing(client):
    response = client.post("/sprak/", {"language": "xx", "next": "/konto/login/"})
    assert response.status_code == 302
    assert client.get("/konto/login/")["Content-Language"] == "nb"


@pytest.mark.django_db
def test_a_next_address_elsewhere_is_not_followed(client):
    response = client.post("/sprak/", {"language": "en", "next": "https://example.org/"})
    assert response.status_code == 302
    assert "example.org" not in response["Location"]


@pytest.mark.django_db
def test_a_signed_in_person_s_choice_follows_them_to_another_browser(client, personas):
    user = personas.participant_user
    client.force_login(user)
    client.post("/sprak/", {"language": "en", "next": "/meg/"})
    user.refresh_from_db()
    assert user.language == "en"
    event = AuditEvent.objects.get(object_type="accounts.user", object_id=str(user.pk))
    assert event.changes == {"language": ["", "en"]}

    from django.test import Client

    elsewhere = Client()  # no cookie, a browser asking for bokmål
    elsewhere.force_login(user)
    page = elsewhere.get("/meg/", HTTP_ACCEPT_LANGUAGE="nb")
    assert page.status_code == 200
    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.content.decode()


@pytest.mark.django_db
def test_the_switcher_goes_back_to_the_page_it_was_on(client):
    # The header form sends no `next` (an error page must not echo its address): the page
    # comes from the Referer, which the same-origin policy sends.
    page = client.get("/konto/login/")
    assert b'name="next"' not in page.content.split(b"language-switcher")[1].split(b"</form>")[0]
    response = client.post(
        "/sprak/", {"language": "en"}, HTTP_REFERER="http://testserver/konto/login/"
    )
    assert response.status_code == 302
    assert response["Location"].endswith("/konto/login/")
    assert client.get(response["Location"])["Content-Language"] == "en"
