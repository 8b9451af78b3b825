import os

os.environ.setdefault("BROBYGGER_TESTING", "1")

import pytest  # noqa: E402

from brobygger.core.testing import Personas, build_personas  # noqa: E402


@pytest.fixture
def personas(db) -> Personas:
    return build_personas()


@pytest.fixture(autouse=True)
def _private_storage(tmp_path, settings):
    """Uploaded files go to a per-test folder, never into var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
