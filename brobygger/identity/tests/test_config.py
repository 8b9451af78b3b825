"""BROBYGGER_OIDC_PROVIDERS: a wrong configuration stops the app with a clear message."""

from __future__ import annotations

import json
import re

import pytest

from brobygger.identity import config


def entry(**overrides):
    return {
        "id": "idporten",
        "kind": "idporten",
        "issuer": "https://idporten.example",
        "client_id": "c",
        "client_secret": "s",
        **overrides,
    }


def test_nothing_configured_means_no_providers():
    assert config.socialaccount_providers("")["openid_connect"]["APPS"] == []


def test_an_id_porten_entry_asks_for_substantial_and_pkce():
    (app,) = config.socialaccount_providers(json.dumps([entry()]))["openid_connect"]["APPS"]
    assert app["settings"]["auth_params"] == {"acr_values": "idporten-loa-substantial"}
    assert app["settings"]["oauth_pkce_enabled"] is True
    assert app["settings"]["brobygger_form_action"] == ["https://idporten.example"]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{", "not valid JSON"),
        ("{}", "must be a JSON list"),
        (json.dumps([entry(kind="bankid")]), "kind must be one of"),
        (json.dumps([entry(issuer="")]), "lacks ['issuer']"),
        (json.dumps([entry(acr="Level2")]), "acr must be one of"),
    ],
)
def test_bad_configuration_is_refused_with_a_message(raw, message):
    with pytest.raises(config.ProviderConfigError, match=re.escape(message)):
        config.socialaccount_providers(raw)


def test_acr_levels_are_ordered_and_unknown_never_passes():
    assert config.acr_rank("idporten-loa-high") > config.acr_rank("idporten-loa-substantial")
    assert config.acr_rank("Level4") == config.acr_rank("idporten-loa-high")
    assert config.acr_rank("noe-annet") < config.acr_rank("idporten-loa-low")
