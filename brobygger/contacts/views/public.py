"""Public pages: find your county coordinator, and write to them. No login."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.contacts import selectors, services
from brobygger.contacts.forms import ContactMessageForm, FindContactForm
from brobygger.contacts.ratelimit import consume_message_allowance
from brobygger.core.access import public


@public
@require_GET
def find_contact(request: HttpRequest) -> HttpResponse:
    form = FindContactForm(request.GET if "kommune" in request.GET else None)
    answer = None
    if form.is_bound and form.is_valid():
        answer = selectors.contact_for_municipality(form.cleaned_data["kommune"])
    return render(request, "contacts/find_contact.html", {"form": form, "answer": answer})


@public
@require_http_methods(["GET", "POST"])
def message_create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        form = ContactMessageForm(initial={"municipality": request.GET.get("kommune", "")})
        return render(request, "contacts/message_form.html", {"form": form})
    form = ContactMessageForm(request.POST)
    if form.is_trap:
        # Looks like success to the bot; nothing is saved. It still uses up the allowance.
        consume_message_allowance(request)
        return redirect("contacts_message_sent")
    if form.is_valid():
        if not consume_message_allowance(request):
            context = {"form": form, "rate_limited": True}
            return render(request, "contacts/message_form.html", context, status=429)
        try:
            services.contact_message_send(**form.cleaned_data_for_service())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("contacts_message_sent")
    return render(request, "contacts/message_form.html", {"form": form})


@public
@require_GET
def message_sent(request: HttpRequest) -> HttpResponse:
    # Says nothing about the message itself: it may be someone else's screen.
    return render(request, "contacts/message_sent.html")
