"""From a user and filter parameters to figures: the one path the pages, the exports and the
`kpis` command share, so they cannot disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied

from brobygger.outcomes.figures import Figures, outcome_figures
from brobygger.outcomes.filters import FilterForm, Filters
from brobygger.outcomes.scope import Scope, scopes_for


@dataclass
class Request:
    scopes: list[Scope]
    scope: Scope
    form: FilterForm
    figures: Figures | None  # None when the filters are invalid

    @property
    def filters(self) -> Filters | None:
        return self.form.filters() if self.form.is_valid() else None

    def query(self) -> dict[str, str]:
        """The GET parameters that reproduce this view (for links and exports)."""
        params = self.filters.as_query() if self.filters else {}
        if len(self.scopes) > 1:
            params = {"omfang": self.scope.key, **params}
        return params


def figures_for(user_or_request: Any, data: Mapping[str, Any], *, today: dt.date) -> Request:
    """Scope from `omfang` (or the user's first), filters from the other parameters.
    PermissionDenied when the user has no outcome scope at all."""
    scopes = scopes_for(user_or_request)
    if not scopes:
        raise PermissionDenied
    scope = next((s for s in scopes if s.key == data.get("omfang")), scopes[0])
    form = FilterForm(data, scopes=scopes, scope=scope)
    figures = None
    if form.is_valid():
        figures = outcome_figures(scope=scope, filters=form.filters(), today=today)
    return Request(scopes=scopes, scope=scope, form=form, figures=figures)
