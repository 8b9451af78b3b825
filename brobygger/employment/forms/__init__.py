"""Forms for the employment app: parsing and field validation only."""

from brobygger.employment.forms.funding import FundingForm, funding_formset, funding_rows
from brobygger.employment.forms.main import (
    NO_DESCRIPTION_HINT,
    ApplyForm,
    CandidateFilterForm,
    EmployerOrgForm,
    EmployerUserForm,
    EmploymentEditForm,
    HireForm,
    InviteForm,
    OutsideEmploymentForm,
    PercentForm,
    PositionEditForm,
    PositionForm,
    ProfileForm,
    PublishForm,
    TransitionForm,
)

__all__ = [
    "NO_DESCRIPTION_HINT",
    "ApplyForm",
    "CandidateFilterForm",
    "EmployerOrgForm",
    "EmployerUserForm",
    "EmploymentEditForm",
    "FundingForm",
    "HireForm",
    "InviteForm",
    "OutsideEmploymentForm",
    "PercentForm",
    "PositionEditForm",
    "PositionForm",
    "ProfileForm",
    "PublishForm",
    "TransitionForm",
    "funding_formset",
    "funding_rows",
]
