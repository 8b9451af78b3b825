"""Retention: a person's personal data is removed a set number of years after their last
enrolment ended (settings.BROBYGGER_RETENTION_YEARS), by the daily `apply_retention` command,
or earlier by a coordinator on request. What statistics need stays (ADR 0008)."""
