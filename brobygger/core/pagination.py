"""Lists that grow with history are shown a page at a time (issue 16): one helper for every
app, so each list says where the reader is ("Viser 1–50 av 1 234"), keeps its filters across
pages and links the pages in one accessible `nav` (templates/core/_pagination.html, after
Designsystemet's `ds-pagination`).

    pagination = paginate(request, selectors.things_for(request), per_page=50)
    render(..., {"pagination": pagination, "things": pagination.page})

`paginate` fetches a queryset's page and its total in one query; a selector that fetches its
own page (and total) hands them to `paginate_fetched`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import IntegerField, QuerySet, Subquery
from django.http import HttpRequest
from django.utils.formats import number_format
from django.utils.translation import gettext as _

PAGE_PARAM = "side"
PER_PAGE = 50


@dataclass(frozen=True)
class Pagination:
    page: Page
    param: str
    query: str  # the request's other parameters, urlencoded, ending in "&" when there are any

    @property
    def showing(self) -> str:
        """ "Viser 51–100 av 1 234" (grouped digits in the active language)."""
        count = self.page.paginator.count
        if not count:
            return ""
        return _("Viser %(first)s–%(last)s av %(total)s") % {
            "first": number_format(self.page.start_index(), force_grouping=True),
            "last": number_format(self.page.end_index(), force_grouping=True),
            "total": number_format(count, force_grouping=True),
        }

    @property
    def links(self) -> list[int | None]:
        """Page numbers to link, None where some are left out (shown as "…")."""
        paginator = self.page.paginator
        return [
            None if number == paginator.ELLIPSIS else int(number)
            for number in paginator.get_elided_page_range(
                self.page.number, on_each_side=2, on_ends=1
            )
        ]


def paginate(
    request: HttpRequest,
    items: Any,
    *,
    per_page: int = PER_PAGE,
    param: str = PAGE_PARAM,
) -> Pagination:
    """The page of `items` the request asks for (`?side=`; past the end gives the last page),
    with the request's other parameters kept for the links.

    A queryset (ordered, so pages never overlap) is fetched with its total in one query (the
    count as a scalar subquery of the same filters): one round trip, and the database computes
    the rows' annotations (counts in subqueries) for the page's rows only. A list goes through
    Django's Paginator."""
    if isinstance(items, QuerySet) and items.ordered:
        number = page_number(request, param=param)
        rows = _page_with_total(items, number, per_page)
        if not rows and number > 1:  # past the last page: the last one
            number = max(1, -(-items.count() // per_page))
            rows = _page_with_total(items, number, per_page)
        total = getattr(rows[0], TOTAL) if rows else 0
        return paginate_fetched(
            request, rows, number=number, total=total, per_page=per_page, param=param
        )
    paginator = Paginator(items, per_page)
    return _pagination(request, paginator.get_page(request.GET.get(param)), param)


TOTAL = "_pagination_total"


class _CountOf(Subquery):
    """The number of rows of a queryset, as an uncorrelated scalar subquery: the database
    counts once (an InitPlan), and the outer query's LIMIT still applies before its per-row
    annotations are computed (a COUNT(*) OVER () would compute them for every row)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()


def _page_with_total(items: QuerySet[Any], number: int, per_page: int) -> list[Any]:
    offset = (number - 1) * per_page
    # The count without the rows' annotations or order: only the filters (and DISTINCT).
    counted = items.annotate(**{TOTAL: _CountOf(items.order_by().values("pk"))})
    return list(counted[offset : offset + per_page])


def _pagination(request: HttpRequest, page: Page, param: str) -> Pagination:
    rest = request.GET.copy()
    rest.pop(param, None)
    query = rest.urlencode()
    return Pagination(page=page, param=param, query=f"{query}&" if query else "")


def page_number(request: HttpRequest, *, param: str = PAGE_PARAM) -> int:
    """The page asked for (1 when missing or not a positive number)."""
    try:
        number = int(request.GET.get(param, "1"))
    except ValueError:
        return 1
    return max(number, 1)


class _Fetched:
    """One page of rows fetched already (with the total, e.g. by COUNT(*) OVER ()), shaped like
    the list the Paginator slices."""

    def __init__(self, rows: list[Any], total: int) -> None:
        self.rows, self.total = rows, total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: slice) -> list[Any]:
        return self.rows


def paginate_fetched(
    request: HttpRequest,
    rows: list[Any],
    *,
    number: int,
    total: int,
    per_page: int = PER_PAGE,
    param: str = PAGE_PARAM,
) -> Pagination:
    """A Pagination for a page the selector fetched itself (page `number` of `total` rows), for
    lists where one query gives the rows and their count: no second COUNT."""
    paginator: Paginator[Any] = Paginator(_Fetched(rows, total), per_page)  # type: ignore[arg-type]
    return _pagination(request, paginator.page(min(number, paginator.num_pages)), param)
