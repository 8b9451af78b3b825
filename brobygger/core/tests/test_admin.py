import pytest

from brobygger.core.audit import audit_create
from brobygger.core.models import AuditEvent
from brobygger.testing import make_org, make_user


@pytest.mark.django_db
def test_the_audit_trail_is_read_only_in_the_admin(client):
    superuser = make_user("rot")
    superuser.is_staff = superuser.is_superuser = True
    superuser.save()
    org = make_org()
    event = audit_create(by=superuser, obj=org)
    client.force_login(superuser)
    assert client.get("/admin/core/auditevent/").status_code == 200
    assert client.get("/admin/core/auditevent/add/").status_code == 403
    response = client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
