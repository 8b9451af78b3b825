"""The whole path, through the pages: an employer posts a position and sees only consented
profiles; a candidate accepts; the employer hires; the coordinator sees the record with funding
and benefit; the employer never sees the benefit; a withdrawn consent hides the profile."""

import re

from django.urls import reverse

from brobygger.employment.models import Employment, HiringCase
from brobygger.employment.tests.factories import make_candidate
from brobygger.employment.tests.test_position_create import funding, post_data

BENEFIT_WORDS = re.compile(r"ytelse|arbeidsavklaring|AAP|uføre", re.IGNORECASE)


def test_post_find_hire_and_follow_up(client, personas):
    dina = personas.enrolment.participant
    hidden = make_candidate(personas, "Skjult")
    from brobygger.employment import services

    services.profile_unpublish(by=personas.participant_user, participant=hidden)

    # Dina publishes her profile with consent.
    client.force_login(personas.participant_user)
    client.post(
        "/meg/kandidatprofil/",
        {"headline": "Dina vil hjelpe andre", "about": "Om meg.", "work_wanted": "Rusfeltet."},
    )
    client.post("/meg/kandidatprofil/publiser/", {"consent": "on"})

    # The employer posts a position and sees only Dina.
    client.force_login(personas.employer)
    client.post(
        "/arbeidsgiver/stillinger/ny/",
        post_data(
            personas.employer_org,
            **funding(
                [
                    ("mb_funds", 50, "2026-08-01", ""),
                    ("nav_wage_subsidy", 50, "2026-08-01", "2027-01-31"),
                ]
            ),
        ),
    )
    cards = client.get("/arbeidsgiver/kandidater/").context["cards"]
    assert [c.participant_id for c in cards] == [dina.pk]
    position = personas.employer_org.positions.get()
    client.post(
        reverse("candidate_invite", args=[cards[0].id]), {"position": position.pk, "message": ""}
    )
    case = HiringCase.objects.get()

    # Dina accepts; the employer interviews, offers and hires.
    client.force_login(personas.participant_user)
    client.post(
        reverse("hiring_case_transition", args=[case.pk]), {"to": "INTERVIEW", "on": "2026-06-01"}
    )
    client.force_login(personas.employer)
    client.post(
        reverse("hiring_case_transition", args=[case.pk]), {"to": "OFFER", "on": "2026-06-01"}
    )
    response = client.post(
        reverse("hiring_case_hire", args=[case.pk]),
        {
            "start_date": "2026-08-01",
            "end_date": "",
            "percent": "50",
            "kind": "project",
            **funding(
                [
                    ("mb_funds", 50, "2026-08-01", ""),
                    ("nav_wage_subsidy", 50, "2026-08-01", "2027-01-31"),
                ]
            ),
        },
    )
    assert response.status_code == 302
    employment = Employment.objects.get()
    assert [h.status for h in case.history.order_by("id")] == [
        "INVITED",
        "INTERVIEW",
        "OFFER",
        "HIRED",
    ]

    # The caseworker records the benefit; the coordinator sees it with the funding.
    client.force_login(personas.caseworker)
    client.post(
        reverse("employment_edit", args=[employment.pk]),
        {"job_title": employment.job_title, "kind": "project", "end_date": ""},
    )
    client.post(
        reverse("employment_benefit_add", args=[employment.pk]),
        {"benefit-kind": "aap", "benefit-grade_percent": "50", "benefit-valid_from": "2026-08-01"},
    )
    client.force_login(personas.coordinator)
    html = client.get(reverse("employment_detail", args=[employment.pk])).content.decode()
    assert "Arbeidsavklaringspenger (AAP)" in html
    assert "MB-midler" in html and "Lønnstilskudd fra NAV" in html
    assert "Arbeidsavklaringspenger (AAP)" in client.get("/arbeidsforhold/").content.decode()

    # The employer never sees the benefit, on any of their pages.
    client.force_login(personas.employer)
    for url in (
        "/arbeidsgiver/ansatte/",
        reverse("employer_employment_detail", args=[employment.pk]),
        reverse("hiring_case_detail", args=[case.pk]),
        reverse("position_detail", args=[position.pk]),
        "/arbeidsgiver/stillinger/",
    ):
        page = client.get(url).content.decode()
        assert not BENEFIT_WORDS.search(page), url

    # Dina withdraws her consent: the profile is gone on the employer's next request.
    client.force_login(personas.participant_user)
    client.post("/meg/kandidatprofil/skjul/")
    client.force_login(personas.employer)
    assert client.get("/arbeidsgiver/kandidater/").context["cards"] == []
    assert client.get(reverse("candidate_detail", args=[cards[0].id])).status_code == 404
