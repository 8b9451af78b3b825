"""Who a login through ID-porten or Entra ID becomes (ADR 0012).

Authorisation stays in Brobygger: a provider only says who the person is. A new identity gets
a login only through an invitation (kept in the session by the invitation page), or, for
ID-porten, when its `pid` is the national id on exactly one participant record that has no
login yet. The `pid` is compared and then dropped: it is never stored, shown or logged.

Moved here from identity (ADR 0024): it is the invitations' rule for a login, so identity (the
providers and their configuration) sits below invitations and imports none of it.
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.accesslog.services import record_access
from brobygger.accounts.adapter import ACCESS_ENDED
from brobygger.accounts.models import Membership
from brobygger.enrolments.models import Participant
from brobygger.identity import config
from brobygger.identity.mfa import claims_of
from brobygger.invitations import services as invitation_services
from brobygger.invitations import session as invitation_session
from brobygger.invitations.models import Invitation, InvitationKind

# The logger keeps the name it had in identity, where this adapter was until ADR 0024.
logger = logging.getLogger("brobygger.identity.adapter")

# What we keep of the ID token on the stored social account: nothing that identifies the
# person outside the provider (no pid, no e-mail).
KEPT_CLAIMS = ("iss", "sub", "oid", "tid", "acr", "amr", "auth_time")


def refuse(request: HttpRequest, message: str, *, status: int = 403) -> ImmediateHttpResponse:
    return ImmediateHttpResponse(
        render(request, "identity/refused.html", {"message": message}, status=status)
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        # New identities are bound in pre_social_login; allauth's own sign-up stays shut.
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        provider_settings = sociallogin.account.get_provider().app.settings
        kind = provider_settings.get("brobygger_kind", "")
        claims = claims_of(sociallogin)
        pid = str(claims.get("pid") or "")
        sociallogin.account.extra_data = {
            "id_token": {key: claims[key] for key in KEPT_CLAIMS if key in claims}
        }
        self._check_token(request, sociallogin, claims, provider_settings)
        invitation, via_link = invitation_session.pending(request)
        if invitation is not None:
            self._check_invitation(request, invitation, pid, kind)
        # Everything below is one transaction: a refusal links nothing.
        with transaction.atomic():
            if sociallogin.is_existing:
                if invitation is not None:
                    self._accept(request, invitation, sociallogin.user, via_link)
                elif not Membership.objects.active().filter(user=sociallogin.user).exists():
                    raise refuse(request, str(ACCESS_ENDED))
                return
            if invitation is not None:
                user = invitation_services.user_create_for_provider(
                    invitation=invitation, claims=claims
                )
                self._accept(request, invitation, user, via_link)
            elif kind == config.IDPORTEN and pid:
                user = self._link_by_national_id(request, pid, claims)
            else:
                raise refuse(
                    request,
                    _(
                        "Du har ikke tilgang til Brobygger ennå. Be koordinatoren eller "
                        "administratoren i organisasjonen din om en invitasjon."
                    ),
                )
            sociallogin.connect(request, user)

    def _check_token(
        self,
        request: HttpRequest,
        sociallogin: Any,
        claims: dict[str, Any],
        provider_settings: dict[str, Any],
    ) -> None:
        expected_nonce = (sociallogin.state or {}).get("nonce")
        if not expected_nonce or claims.get("nonce") != expected_nonce:
            logger.warning("identity: ID token with a missing or wrong nonce refused")
            raise refuse(request, _("Innloggingen kunne ikke bekreftes. Prøv igjen."))
        minimum = provider_settings.get("brobygger_min_acr")
        if minimum and config.acr_rank(str(claims.get("acr") or "")) < config.acr_rank(minimum):
            raise refuse(
                request,
                _(
                    "Innloggingen har for lavt sikkerhetsnivå. Logg inn med BankID, Buypass "
                    "eller Commfides (sikkerhetsnivå betydelig eller høyt)."
                ),
            )
        tenant = provider_settings.get("brobygger_tenant")
        if tenant and claims.get("tid") != tenant:
            raise refuse(
                request, _("Kontoen tilhører en annen organisasjon enn denne innloggingen.")
            )

    def _check_invitation(
        self, request: HttpRequest, invitation: Invitation, pid: str, kind: str
    ) -> None:
        """Refusals that must be recorded even though nothing is written (outside the
        transaction, so the denied read-log entry stays)."""
        if not invitation.is_pending:
            invitation_session.forget(request)
            raise refuse(
                request, invitation_services.refusal_message(invitation, now=timezone.now())
            )
        wanted = config.IDPORTEN if invitation.kind == InvitationKind.PARTICIPANT else config.ENTRA
        if kind != wanted:
            raise refuse(
                request,
                _("Bruk ID-porten for denne invitasjonen.")
                if wanted == config.IDPORTEN
                else _(
                    "Bruk innloggingen til organisasjonen din (Entra ID) for denne invitasjonen."
                ),
            )
        participant = invitation.participant
        if participant is not None and participant.national_id and participant.national_id != pid:
            record_access(
                request,
                participant,
                shown=_("Innlogging med ID-porten avvist: fødselsnummeret stemte ikke"),
                denied=True,
            )
            invitation_session.forget(request)
            raise refuse(
                request,
                _(
                    "Du logget inn som en annen person enn den invitasjonen er til. Ingenting er "
                    "koblet. Ta kontakt med koordinatoren."
                ),
            )

    def _accept(
        self, request: HttpRequest, invitation: Invitation, user: Any, via_link: bool
    ) -> None:
        try:
            invitation_services.invitation_accept(
                invitation=invitation, user=user, email_verified=via_link
            )
        except ValidationError as exc:
            raise refuse(request, " ".join(exc.messages)) from exc
        invitation_session.forget(request)

    def _link_by_national_id(self, request: HttpRequest, pid: str, claims: dict[str, Any]) -> Any:
        participant = Participant.objects.filter(national_id=pid).first()
        if participant is None or participant.user_id is not None:
            raise refuse(
                request,
                _(
                    "Vi fant ingen deltaker uten innlogging med ditt fødselsnummer. Har du fått "
                    "en invitasjon, åpne lenken i den først."
                ),
            )
        try:
            return invitation_services.participant_link_by_national_id(
                participant=participant, claims=claims
            )
        except ValidationError as exc:
            raise refuse(request, " ".join(exc.messages)) from exc
