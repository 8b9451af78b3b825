"""URL map for the employment app. Numeric ids only; never names in URLs."""

from django.urls import path

from brobygger.employment.views import area, candidates, employer, hiring, participant, records

urlpatterns = [
    # Employers
    path("arbeidsgiver/stillinger/", employer.employer_positions, name="employer_positions"),
    path("arbeidsgiver/stillinger/ny/", employer.position_create, name="position_create"),
    path("stillinger/<int:pk>/", employer.position_detail, name="position_detail"),
    path("stillinger/<int:pk>/endre/", employer.position_edit, name="position_edit"),
    path("arbeidsgiver/kandidater/", candidates.candidate_list, name="candidate_list"),
    path("arbeidsgiver/kandidater/<int:pk>/", candidates.candidate_detail, name="candidate_detail"),
    path(
        "arbeidsgiver/kandidater/<int:pk>/inviter/",
        candidates.candidate_invite,
        name="candidate_invite",
    ),
    path("arbeidsgiver/ansatte/", employer.employer_employments, name="employer_employments"),
    path(
        "arbeidsgiver/ansatte/<int:pk>/",
        employer.employer_employment_detail,
        name="employer_employment_detail",
    ),
    # Hiring cases (employer and candidate)
    path("ansettelsessaker/<int:pk>/", hiring.hiring_case_detail, name="hiring_case_detail"),
    path(
        "ansettelsessaker/<int:pk>/steg/",
        hiring.hiring_case_transition,
        name="hiring_case_transition",
    ),
    path("ansettelsessaker/<int:pk>/ansett/", hiring.hiring_case_hire, name="hiring_case_hire"),
    # Participants
    path("meg/kandidatprofil/", participant.my_profile, name="my_profile"),
    path("meg/kandidatprofil/publiser/", participant.my_profile_publish, name="my_profile_publish"),
    path(
        "meg/kandidatprofil/skjul/", participant.my_profile_unpublish, name="my_profile_unpublish"
    ),
    path("meg/stillinger/", participant.my_positions, name="my_positions"),
    path("meg/stillinger/<int:pk>/", participant.position_apply, name="position_apply"),
    # Coordinators and caseworkers
    path("arbeidsforhold/", records.employment_list, name="employment_list"),
    path(
        "deltakelser/<int:pk>/arbeidsforhold/ny/",
        records.employment_create,
        name="employment_create",
    ),
    path("arbeidsforhold/<int:pk>/", records.employment_detail, name="employment_detail"),
    path("arbeidsforhold/<int:pk>/endre/", records.employment_edit, name="employment_edit"),
    path(
        "arbeidsforhold/<int:pk>/prosent/",
        records.employment_percent_add,
        name="employment_percent_add",
    ),
    path(
        "arbeidsforhold/<int:pk>/finansiering/",
        records.employment_funding_add,
        name="employment_funding_add",
    ),
    path(
        "arbeidsforhold/<int:pk>/ytelse/",
        records.employment_benefit_add,
        name="employment_benefit_add",
    ),
    path(
        "arbeidsforhold/<int:pk>/ytelse/avslutt/",
        records.employment_benefit_end,
        name="employment_benefit_end",
    ),
    # Coordinators' area
    path("stillinger/", area.area_positions, name="area_positions"),
    path("arbeidsgivere/", area.employer_org_list, name="employer_org_list"),
    path("arbeidsgivere/ny/", area.employer_org_create, name="employer_org_create"),
]
