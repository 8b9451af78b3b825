import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(tmp_path, settings):
    """Uploaded library documents go to a per-test folder, never into var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
