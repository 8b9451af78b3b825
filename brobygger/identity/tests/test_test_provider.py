"""The OIDC test provider (scripts/oidc-test-provider.mjs) behaves like ID-porten and Entra ID
where our login depends on it. No database: plain HTTP against the provider on loopback."""

from __future__ import annotations

import base64
import hashlib
import itertools
import secrets
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
import pytest
import requests

from brobygger.enrolments.tests.factories import synthetic_fnr
from brobygger.identity import testing
from brobygger.identity.testing import (
    ENTRA_CLIENT,
    IDPORTEN_CLIENT,
    OIDCTestProvider,
    OIDCTestProviderError,
    complete_authorization,
)

# The session-scoped fixture (a conftest would import it instead).
oidc_provider = testing.oidc_provider

_logins = itertools.count(1)
TIMEOUT = 10


def new_login() -> str:
    """The provider lives for the whole session: every test gets logins of its own."""
    return f"testbruker-{next(_logins)}-{secrets.token_hex(3)}"


def discovery(provider: OIDCTestProvider) -> dict[str, Any]:
    response = requests.get(provider.discovery_url, timeout=TIMEOUT)
    response.raise_for_status()
    return response.json()


class Request:
    """An authorization request as our client sends it: code flow, PKCE S256, state, nonce."""

    def __init__(
        self,
        provider: OIDCTestProvider,
        client: tuple[str, str] = IDPORTEN_CLIENT,
        *,
        redirect_uri: str = "http://127.0.0.1:48123/accounts/oidc/idporten/login/callback/",
        **extra: str,
    ) -> None:
        self.provider = provider
        self.client_id, self.client_secret = client
        self.redirect_uri = redirect_uri
        self.state = secrets.token_urlsafe(16)
        self.nonce = secrets.token_urlsafe(16)
        self.verifier = secrets.token_urlsafe(48)
        challenge = base64.urlsafe_b64encode(hashlib.sha256(self.verifier.encode()).digest())
        params = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid profile",
            "state": self.state,
            "nonce": self.nonce,
            "code_challenge": challenge.rstrip(b"=").decode(),
            "code_challenge_method": "S256",
            **extra,
        }
        self.url = f"{discovery(provider)['authorization_endpoint']}?{urlencode(params)}"

    def log_in(self, login: str, *, cancel: bool = False) -> dict[str, str]:
        callback = complete_authorization(self.url, login, cancel=cancel)
        assert callback.startswith(self.redirect_uri + "?"), callback
        return {key: values[0] for key, values in parse_qs(urlsplit(callback).query).items()}

    def exchange(
        self, code: str, *, verifier: str | None = None, auth: str = "post"
    ) -> requests.Response:
        data = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "code_verifier": verifier or self.verifier,
        }
        basic = None
        if auth == "post":
            data.update(client_id=self.client_id, client_secret=self.client_secret)
        else:
            basic = (self.client_id, self.client_secret)
        token_endpoint = discovery(self.provider)["token_endpoint"]
        return requests.post(token_endpoint, data=data, auth=basic, timeout=TIMEOUT)

    def verified_id_token(self, id_token: str) -> dict[str, Any]:
        config = discovery(self.provider)
        key = jwt.PyJWKClient(config["jwks_uri"]).get_signing_key_from_jwt(id_token)
        assert jwt.get_unverified_header(id_token)["alg"] == "RS256"
        return jwt.decode(
            id_token,
            key,
            algorithms=["RS256"],
            audience=self.client_id,
            issuer=self.provider.issuer,
        )


def test_it_serves_discovery_with_issuer_and_endpoints(oidc_provider):
    config = discovery(oidc_provider)

    assert oidc_provider.issuer.startswith("http://127.0.0.1:")
    assert config["issuer"] == oidc_provider.issuer
    for endpoint in ("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"):
        assert config[endpoint].startswith(oidc_provider.issuer + "/")
    assert config["code_challenge_methods_supported"] == ["S256"]
    assert {"client_secret_post", "client_secret_basic"} <= set(
        config["token_endpoint_auth_methods_supported"]
    )
    assert {"idporten-loa-low", "idporten-loa-substantial", "idporten-loa-high"} <= set(
        config["acr_values_supported"]
    )
    keys = requests.get(config["jwks_uri"], timeout=TIMEOUT).json()["keys"]
    assert [(key["kty"], key["alg"]) for key in keys] == [("RSA", "RS256")]
    assert all("d" not in key for key in keys), "the JWKS must not publish the private key"


def test_a_code_flow_with_pkce_gives_an_id_token_with_the_account_claims(oidc_provider):
    login, pid = new_login(), synthetic_fnr()
    oidc_provider.add_account(
        login,
        claims={"sub": f"sub-{login}", "pid": pid, "given_name": "Kari", "family_name": "Testesen"},
        acr="idporten-loa-high",
        amr=["BankID", "mobil"],
    )
    request = Request(oidc_provider, acr_values="idporten-loa-substantial")

    callback = request.log_in(login)
    assert callback["state"] == request.state
    assert callback["iss"] == oidc_provider.issuer
    response = request.exchange(callback["code"])

    assert response.status_code == 200, response.text
    tokens = response.json()
    claims = request.verified_id_token(tokens["id_token"])
    assert claims["sub"] == f"sub-{login}"
    assert claims["pid"] == pid
    assert claims["acr"] == "idporten-loa-high"
    assert claims["amr"] == ["BankID", "mobil"]
    assert claims["nonce"] == request.nonce
    assert claims["aud"] == IDPORTEN_CLIENT[0]
    assert (claims["given_name"], claims["family_name"]) == ("Kari", "Testesen")
    userinfo = requests.get(
        discovery(oidc_provider)["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tokens['access_token']}"},
        timeout=TIMEOUT,
    ).json()
    assert (userinfo["sub"], userinfo["pid"]) == (f"sub-{login}", pid)


def test_an_entra_account_logs_in_with_basic_client_auth(oidc_provider):
    login = new_login()
    entra_claims = {
        "sub": f"pairwise-{login}",
        "oid": "6f1b2c3d-0000-4000-8000-000000000001",
        "tid": "0b5e7a10-0000-4000-8000-0000000000aa",
        "email": f"{login}@bergen.kommune.example",
        "name": "Ola Testmann",
    }
    oidc_provider.add_account(login, claims=entra_claims, acr=None, amr=["pwd", "mfa"])
    request = Request(
        oidc_provider,
        ENTRA_CLIENT,
        redirect_uri="http://localhost:51234/accounts/oidc/bergen/login/callback/",
        scope="openid profile email",
    )

    response = request.exchange(request.log_in(login)["code"], auth="basic")

    assert response.status_code == 200, response.text
    claims = request.verified_id_token(response.json()["id_token"])
    assert {key: claims[key] for key in entra_claims} == entra_claims
    assert claims["amr"] == ["pwd", "mfa"]
    assert "acr" not in claims
    assert claims["aud"] == ENTRA_CLIENT[0]


def test_an_account_added_after_start_can_log_in(oidc_provider):
    login = new_login()
    with pytest.raises(OIDCTestProviderError, match="Ukjent brukernavn"):
        Request(oidc_provider).log_in(login)

    oidc_provider.add_account(login, claims={"pid": synthetic_fnr(individual=456)})
    request = Request(oidc_provider)
    response = request.exchange(request.log_in(login)["code"])

    assert response.status_code == 200, response.text
    claims = request.verified_id_token(response.json()["id_token"])
    assert claims["sub"] == login
    assert claims["acr"] == "idporten-loa-substantial"
    assert claims["amr"] == ["BankID"]


def test_cancel_gives_access_denied(oidc_provider):
    request = Request(oidc_provider)

    callback = request.log_in("ingen", cancel=True)

    assert callback["error"] == "access_denied"
    assert callback["state"] == request.state
    assert "code" not in callback


def test_a_wrong_pkce_verifier_is_refused(oidc_provider):
    login = new_login()
    oidc_provider.add_account(login, claims={"pid": synthetic_fnr(individual=234)})
    request = Request(oidc_provider)
    code = request.log_in(login)["code"]

    response = request.exchange(code, verifier=secrets.token_urlsafe(48))

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_grant"
    assert "id_token" not in response.json()


def test_a_wrong_client_secret_is_refused(oidc_provider):
    login = new_login()
    oidc_provider.add_account(login, claims={"pid": synthetic_fnr(individual=321)})
    request = Request(oidc_provider)
    code = request.log_in(login)["code"]
    request.client_secret = "feil"

    response = request.exchange(code)

    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "http://127.0.0.1:40001/callback/",
        "http://localhost:40002/callback/",
        "http://testserver/accounts/oidc/idporten/login/callback/",
    ],
)
def test_it_accepts_callbacks_on_loopback_and_testserver(oidc_provider, redirect_uri):
    request = Request(oidc_provider, redirect_uri=redirect_uri)

    assert request.log_in("ingen", cancel=True)["state"] == request.state


def test_it_refuses_a_redirect_uri_off_loopback(oidc_provider):
    request = Request(oidc_provider, redirect_uri="https://angriper.example/callback/")

    with pytest.raises(OIDCTestProviderError, match="redirect_uri"):
        complete_authorization(request.url, "ingen")
