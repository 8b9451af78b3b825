"""The accessibility statement (issue 14): public, in Uutilsynet's form, linked from every page."""

import pytest

URL = "/tilgjengelighet/"


@pytest.mark.django_db
def test_anonymous_reads_the_statement(client):
    response = client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    for part in (
        "Hvem som har ansvaret",
        "WCAG 2.1",
        "Kjente avvik",
        "Gi tilbakemelding",
        'href="https://uustatus.no/"',
        "Sist gjennomgått 3. desember 2026",
    ):
        assert part in page, part


@pytest.mark.django_db
def test_the_statement_takes_get_only(client):
    assert client.post(URL).status_code == 405


def test_every_page_links_it_in_the_footer(client, personas):
    link = '<footer class="site-footer">'
    for url in ("/konto/login/", "/finn-din-kontakt/"):
        page = client.get(url).content.decode()
        assert link in page and f'href="{URL}"' in page.split(link)[1], url
    client.force_login(personas.teacher)
    page = client.get("/").content.decode()
    assert f'href="{URL}"' in page.split(link)[1]
