import pytest
from django.core.exceptions import ValidationError
from stdnum.no import orgnr

from brobygger.organisations.models import County, Municipality, Organisation, OrganisationKind


@pytest.mark.django_db
def test_the_2024_municipalities_and_counties_are_loaded():
    assert County.objects.count() == 15
    assert Municipality.objects.count() == 357
    bergen = Municipality.objects.select_related("county").get(number="4601")
    assert (bergen.name, bergen.county.number, bergen.county.name) == ("Bergen", "46", "Vestland")


@pytest.mark.django_db
def test_an_orgnr_with_a_wrong_check_digit_is_refused():
    # An invented number; some bases have no valid check digit (mod 11 gives 10), so search.
    good = next(
        f"9123456{b}{d}" for b in range(10) for d in range(10) if orgnr.is_valid(f"9123456{b}{d}")
    )
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    org = Organisation(name="Testbedrift", kind=OrganisationKind.EMPLOYER, municipality_id="4601")
    org.orgnr = bad
    with pytest.raises(ValidationError) as err:
        org.full_clean()
    assert "kontrollsiffer" in str(err.value)
    org.orgnr = good
    org.full_clean()
