import pytest

from brobygger.accounts.models import User
from brobygger.core.formfields import IdMultipleChoiceField


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["9" * 30, "-1", "1.5", "abc"])
def test_a_hostile_id_is_an_invalid_choice_not_a_server_error(value):
    field = IdMultipleChoiceField(queryset=User.objects.all())
    with pytest.raises(Exception) as caught:
        field.clean([value])
    assert caught.value.__class__.__name__ == "ValidationError"
    assert caught.value.code == "invalid_choice"  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_real_ids_still_work():
    user = User.objects.create_user("formfelt", password="x" * 12)
    field = IdMultipleChoiceField(queryset=User.objects.all())
    assert list(field.clean([str(user.pk)])) == [user]
