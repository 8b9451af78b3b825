"""The coordinator's page to anonymise a person before the retention period is out."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from brobygger.accesslog.services import record_access
from brobygger.accounts.models import Role
from brobygger.core.access import roles
from brobygger.enrolments.access import enrolment_for_user
from brobygger.enrolments.models import Enrolment
from brobygger.privacy.forms import AnonymiseForm
from brobygger.privacy.models import Anonymisation
from brobygger.privacy.retention.policy import retention_states, retention_years
from brobygger.privacy.retention.services import anonymise_on_request


@roles(Role.COORDINATOR)
@require_http_methods(["GET", "POST"])
def enrolment_anonymise(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_for_user(request, pk, write=True)
    participant = enrolment.participant
    form = AnonymiseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            anonymise_on_request(
                by=request.user, enrolment=enrolment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Personopplysningene er anonymisert."))
            return redirect("enrolment_detail", enrolment.pk)
    organisation = enrolment.cohort.version.programme.organisation
    record_access(
        request,
        participant,
        shown=_("Anonymisering av deltaker"),
        purpose=_("Anonymisering på forespørsel"),
        organisation_id=organisation.pk,
    )
    context = {
        "enrolment": enrolment,
        "participant": participant,
        "enrolments": Enrolment.objects.filter(participant=participant)
        .select_related("cohort")
        .order_by("applied_on", "pk"),
        "state": retention_states([participant.pk]).get(participant.pk),
        "done": Anonymisation.objects.filter(participant=participant).first(),
        "years": retention_years(),
        "form": form,
    }
    return render(
        request,
        "privacy/anonymise.html",
        context,
        status=400 if request.method == "POST" else 200,
    )
