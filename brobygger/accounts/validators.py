"""Passwords that look like the ones in every breach list.

Django's CommonPasswordValidator only refuses an exact match with its list of 20,000 leaked
passwords. People satisfy a 12-character minimum by decorating such a word ("Sommer2024!!",
"passord123456"), and they type the same key many times. This validator refuses both.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Norwegian words seen in leaked passwords that the (English) list lacks.
NORWEGIAN_WEAK_WORDS = frozenset(
    {
        "passord",
        "hemmelig",
        "velkommen",
        "sommer",
        "vinter",
        "vaar",
        "var",
        "host",
        "høst",
        "norge",
        "bergen",
        "oslo",
        "stavanger",
        "trondheim",
        "brobygger",
        "kommune",
        "nav",
    }
)
MIN_DISTINCT_CHARACTERS = 5


@cache
def _common_passwords() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def letters_only(password: str) -> str:
    """The password without digits, punctuation and spaces, in lower case."""
    return "".join(ch for ch in password.lower() if ch.isalpha())


class CommonPatternPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        core = letters_only(password)
        if core and (core in NORWEGIAN_WEAK_WORDS or core in _common_passwords()):
            raise ValidationError(
                _(
                    "Passordet er et vanlig passord med tall eller tegn lagt til. "
                    "Velg noe som er vanskeligere å gjette, for eksempel flere tilfeldige ord."
                ),
                code="password_common_pattern",
            )
        if len(set(password.lower())) < MIN_DISTINCT_CHARACTERS:
            raise ValidationError(
                _("Passordet har for mange like tegn."), code="password_repetitive"
            )

    def get_help_text(self) -> str:
        return _(
            "Passordet kan ikke være et vanlig ord eller passord med tall eller tegn lagt til."
        )


# Django's bokmål catalogue has no text for its password validators, so their messages would
# reach users in English. The same rules, in Norwegian (nynorsk and English come with .po
# files later: these strings are marked for translation).


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("Passordet er for kort. Det må ha minst %(min_length)d tegn.") % {
            "min_length": self.min_length
        }

    def get_help_text(self) -> str:
        return _("Passordet må ha minst %(min_length)d tegn.") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Passordet ligner for mye på %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Passordet kan ikke ligne for mye på navnet, brukernavnet eller e-posten din.")


class NorwegianCommonPasswordValidator(CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Dette passordet er for vanlig. Velg et annet.")

    def get_help_text(self) -> str:
        return _("Passordet kan ikke være et vanlig passord.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Passordet kan ikke bare være tall.")

    def get_help_text(self) -> str:
        return _("Passordet kan ikke bare være tall.")
