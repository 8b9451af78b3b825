"""Load the seed content; idempotent. Takes a model getter so the data migration can pass its
historical models (and tests after a database flush the real ones)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from brobygger.guidance.seed.content import (
    RESOURCES,
    TIPS_BODY,
    TIPS_SLUG,
    TIPS_SUMMARY,
    TIPS_TITLE,
)
from brobygger.guidance.slugs import norwegian_slugify


def load_seed(get_model: Callable[[str], Any]) -> None:
    page_model = get_model("GuidancePage")
    resource_model = get_model("Resource")
    tag_model = get_model("Tag")
    if not page_model.objects.filter(slug=TIPS_SLUG).exists():
        page = page_model.objects.create(slug=TIPS_SLUG)
        get_model("GuidancePageVersion").objects.create(
            page=page, number=1, title=TIPS_TITLE, summary=TIPS_SUMMARY, body=TIPS_BODY
        )
    if resource_model.objects.exists():
        return
    for title, summary, url, tag_names in RESOURCES:
        version = get_model("ResourceVersion").objects.create(
            resource=resource_model.objects.create(),
            number=1,
            title=title,
            summary=summary,
            url=url,
        )
        version.tags.set(
            [
                tag_model.objects.get_or_create(
                    slug=norwegian_slugify(name), defaults={"name": name}
                )[0]
                for name in tag_names
            ]
        )
