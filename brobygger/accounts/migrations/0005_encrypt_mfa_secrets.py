"""Encrypt the TOTP keys and recovery-code seeds stored in plain text before issue 10
(accounts.mfa_adapter; ADR 0007). Reversible: the reverse step writes them back in plain text."""

from django.db import migrations

# Fields of Authenticator.data that hold a secret, per type (allauth.mfa).
SECRET_FIELDS = {"totp": ("secret",), "recovery_codes": ("seed",)}


def _convert(apps, encrypting: bool) -> None:
    from brobygger.accounts import mfa_adapter

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=list(SECRET_FIELDS)).iterator():
        data = dict(authenticator.data)
        changed = False
        for field in SECRET_FIELDS[authenticator.type]:
            value = data.get(field)
            if isinstance(value, str) and mfa_adapter.is_encrypted(value) != encrypting:
                data[field] = (
                    mfa_adapter.encrypt(value) if encrypting else mfa_adapter.decrypt(value)
                )
                changed = True
        codes = data.get("migrated_codes")
        if isinstance(codes, list):
            data["migrated_codes"] = [
                (mfa_adapter.encrypt(c) if encrypting else mfa_adapter.decrypt(c))
                if mfa_adapter.is_encrypted(c) != encrypting
                else c
                for c in codes
            ]
            changed = True
        if changed:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps, schema_editor):
    _convert(apps, encrypting=True)


def decrypt_secrets(apps, schema_editor):
    _convert(apps, encrypting=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_membership_ends_on"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
