"""The audit trail and the read log cannot be changed or deleted through the app."""

import pytest
from django.db import IntegrityError, transaction

from brobygger.accesslog.models import AccessEvent
from brobygger.core.appendonly import AppendOnlyError
from brobygger.core.models import AuditEvent
from brobygger.privacy.tests.helpers import make_log_rows

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [AuditEvent, AccessEvent])
def test_a_saved_row_cannot_be_saved_again(model):
    rows = dict(zip([AuditEvent, AccessEvent], make_log_rows(), strict=True))
    row = rows[model]
    with pytest.raises(AppendOnlyError):
        row.save()
    fresh = model.objects.get(pk=row.pk)
    with pytest.raises(AppendOnlyError):
        fresh.save(update_fields=["at"])


@pytest.mark.parametrize("model", [AuditEvent, AccessEvent])
def test_a_row_cannot_be_deleted(model):
    rows = dict(zip([AuditEvent, AccessEvent], make_log_rows(), strict=True))
    with pytest.raises(AppendOnlyError):
        rows[model].delete()
    assert model.objects.filter(pk=rows[model].pk).exists()


@pytest.mark.parametrize("model", [AuditEvent, AccessEvent])
def test_querysets_refuse_update_delete_and_bulk_update(model):
    rows = dict(zip([AuditEvent, AccessEvent], make_log_rows(), strict=True))
    with pytest.raises(AppendOnlyError):
        model.objects.all().update(at=None)
    with pytest.raises(AppendOnlyError):
        model.objects.filter(pk=rows[model].pk).delete()
    with pytest.raises(AppendOnlyError), transaction.atomic():  # bulk_update's own atomic
        model.objects.bulk_update([rows[model]], ["at"])
    assert model.objects.count() == 1


def test_a_new_row_with_a_taken_primary_key_is_refused_not_overwritten():
    audit, _access = make_log_rows()
    copy = AuditEvent(pk=audit.pk, action="forged", object_type="x.y", object_id="1")
    with pytest.raises(IntegrityError), transaction.atomic():  # the insert is forced
        copy.save()
    assert AuditEvent.objects.get(pk=audit.pk).action == "create"


def test_new_rows_are_still_written():
    audit, access = make_log_rows()
    assert AuditEvent.objects.filter(pk=audit.pk).exists()
    assert AccessEvent.objects.filter(pk=access.pk).exists()


@pytest.mark.parametrize(
    ("path", "model"),
    [("core/auditevent", AuditEvent), ("accesslog/accessevent", AccessEvent)],
)
def test_the_admin_shows_them_read_only(client, path, model):
    from brobygger.testing import make_user

    superuser = make_user("rot")
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    rows = dict(zip([AuditEvent, AccessEvent], make_log_rows(), strict=True))
    pk = rows[model].pk
    client.force_login(superuser)
    assert client.get(f"/admin/{path}/").status_code == 200
    assert client.get(f"/admin/{path}/add/").status_code == 403
    assert client.post(f"/admin/{path}/{pk}/delete/", {"post": "yes"}).status_code == 403
    page = client.get(f"/admin/{path}/{pk}/change/")
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    listing = client.post(
        f"/admin/{path}/", {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
    )
    assert listing.status_code in (200, 302)
    assert model.objects.filter(pk=pk).exists()
