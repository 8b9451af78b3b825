"""The public resource library: search by text and filter by tag, all in the query string."""

from django.urls import reverse

from brobygger.guidance import services
from brobygger.guidance.models import Resource
from brobygger.guidance.tests.factories import make_resource, pdf

URL = reverse("guidance_library")


def test_a_fresh_install_has_a_few_official_links(client, db):
    assert Resource.objects.count() == 4
    html = client.get(URL).content.decode()
    assert 'href="https://www.nav.no/arbeidsgiver/lonnstilskudd"' in html
    assert "4 ressurser" in html


def test_search_matches_every_word_in_title_summary_or_tag(client, personas):
    make_resource(
        by=personas.admin, title="Mentorordning", summary="Støtte i starten.", tags=["Opplæring"]
    )
    make_resource(
        by=personas.admin, title="Søknadsskjema", summary="Skjema for tilskudd.", tags=["Skjema"]
    )
    html = client.get(URL, {"q": "mentor starten"}).content.decode()
    assert "Mentorordning" in html and "Søknadsskjema" not in html
    html = client.get(URL, {"q": "opplæring"}).content.decode()  # a tag name
    assert "Mentorordning" in html
    html = client.get(URL, {"q": "skjema mentor"}).content.decode()
    assert "Ingen ressurser passer med søket." in html
    assert 'value="skjema mentor"' in html


def test_the_tag_filter_is_in_the_url_and_combines_with_search(client, personas):
    make_resource(by=personas.admin, title="Mentorordning", tags=["Opplæring"])
    make_resource(by=personas.admin, title="Introduksjonsprogram", tags=["Opplæring", "Mottak"])
    html = client.get(URL, {"emne": "opplaering"}).content.decode()
    assert "Mentorordning" in html and "Introduksjonsprogram" in html
    assert "Lønnstilskudd for arbeidsgivere" not in html
    assert '<option value="opplaering" selected>Opplæring</option>' in html
    assert "med emnet «Opplæring»" in html
    html = client.get(URL, {"emne": "opplaering", "q": "intro"}).content.decode()
    assert "Introduksjonsprogram" in html and "Mentorordning" not in html
    # Tags on each resource link to the filter.
    assert 'href="?emne=mottak"' in html


def test_an_unknown_tag_finds_nothing(client, db):
    html = client.get(URL, {"emne": "finnes-ikke"}).content.decode()
    assert "0 ressurser" in html


def test_hidden_resources_and_old_versions_are_not_found(client, personas):
    resource = make_resource(by=personas.admin, title="Gammel tittel")
    services.resource_edit(
        by=personas.admin,
        resource=resource,
        based_on=1,
        title="Ny tittel",
        url="https://www.nav.no/arbeidsgiver/lonnstilskudd",
        tags=["Lønnstilskudd"],
    )
    make_resource(by=personas.admin, title="Skjult ressurs", is_published=False)
    html = client.get(URL).content.decode()
    assert "Ny tittel" in html
    assert "Gammel tittel" not in html
    assert "Skjult ressurs" not in html
    assert "0 ressurser" in client.get(URL, {"q": "gammel"}).content.decode()


def test_a_document_links_to_its_public_download(client, personas):
    resource = make_resource(
        by=personas.admin, title="Brosjyre", url="", document=pdf("Brosjyre.pdf")
    )
    html = client.get(URL).content.decode()
    assert reverse("guidance_document", args=[resource.key]) in html
    assert "PDF: Brosjyre.pdf" in html


def test_the_search_text_is_escaped(client, db):
    html = client.get(URL, {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in html


def test_wrong_method_is_405(client, db):
    assert client.post(URL).status_code == 405


def test_the_query_count_is_fixed(client, personas, django_assert_num_queries):
    for n in range(2):
        make_resource(by=personas.admin, title=f"Ressurs {n}", tags=["A", "B"])
    # Tags in use, resources, their tags.
    with django_assert_num_queries(3):
        client.get(URL, {"q": "ressurs", "emne": "a"})
    for n in range(5):
        make_resource(by=personas.admin, title=f"Mer {n}", tags=["A", f"C{n}"])
    with django_assert_num_queries(3):
        client.get(URL, {"q": "ressurs", "emne": "a"})
    with django_assert_num_queries(3):
        client.get(URL)
