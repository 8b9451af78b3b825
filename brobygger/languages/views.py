from __future__ import annotations

from contextlib import suppress

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from brobygger.core.access import public
from brobygger.languages import services


@public
@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, safe `next` redirect), and for a signed-in person the
    choice is kept on their login too."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated:
        # An unknown code is ignored here as set_language ignores it: it just goes back.
        with suppress(ValidationError):
            services.user_language_set(by=request.user, language=language)
    return set_language(request)
