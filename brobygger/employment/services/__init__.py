"""Every write in the employment app. Keyword-only, `by=` the acting user, one transaction,
`full_clean()`, one audit row per row changed; Norwegian messages keyed by field name."""

from brobygger.employment.services.benefits import employment_benefit_add, employment_benefit_end
from brobygger.employment.services.employments import (
    employment_create,
    employment_funding_add,
    employment_percent_add,
    employment_register_outside,
    employment_update,
)
from brobygger.employment.services.hiring import (
    hiring_apply,
    hiring_hire,
    hiring_invite,
    hiring_transition,
)
from brobygger.employment.services.orgs import employer_org_create, employer_user_add
from brobygger.employment.services.positions import position_create, position_update
from brobygger.employment.services.profiles import profile_publish, profile_save, profile_unpublish

__all__ = [
    "employer_org_create",
    "employer_user_add",
    "employment_benefit_add",
    "employment_benefit_end",
    "employment_create",
    "employment_funding_add",
    "employment_percent_add",
    "employment_register_outside",
    "employment_update",
    "hiring_apply",
    "hiring_hire",
    "hiring_invite",
    "hiring_transition",
    "position_create",
    "position_update",
    "profile_publish",
    "profile_save",
    "profile_unpublish",
]
