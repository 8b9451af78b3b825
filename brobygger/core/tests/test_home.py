import pytest

from brobygger.testing import PASSWORD


@pytest.mark.django_db
def test_login_page_shows_demo_users_only_in_demo_mode(client, settings):
    settings.DEMO_MODE = False
    assert "brobygger-demo" not in client.get("/konto/login/").content.decode()
    settings.DEMO_MODE = True
    assert "brobygger-demo" in client.get("/konto/login/").content.decode()


def test_a_user_logs_in_and_sees_the_home_page(client, personas):
    from brobygger.accounts.testing import add_totp, totp_code

    secret = add_totp(personas.coordinator)  # staff log in with password and MFA (ADR 0007)
    response = client.post("/konto/login/", {"login": "koordinator", "password": PASSWORD})
    assert response.status_code == 302
    response = client.post("/konto/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    page = client.get("/")
    assert page.status_code == 200
    assert "Hei, Kora" in page.content.decode()
    assert page["Cache-Control"] == "no-store"


def test_a_user_without_any_role_is_refused(client, db):
    from brobygger.testing import make_user

    user = make_user()
    client.force_login(user)
    assert client.get("/").status_code == 403


def test_each_role_sees_its_own_menu(client, personas):
    # Each role's pages from the qualification programme, in order; later apps add their own.
    expected = {
        personas.coordinator: ["/kull/", "/program/"],
        personas.teacher: ["/mine-okter/"],
        personas.supervisor: ["/praksis/"],
        personas.caseworker: ["/mine-kandidater/"],
        personas.participant_user: ["/meg/", "/meg/timelister/", "/meg/oppgave/"],
        personas.admin: ["/admin/"],
    }
    for user, links in expected.items():
        client.force_login(user)
        sections = client.get("/").context["sections"]
        urls = [s["url"] for s in sections]
        assert [url for url in urls if url in links] == links, user.username
