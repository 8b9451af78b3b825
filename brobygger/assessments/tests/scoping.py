"""Bergen objects for the authorisation matrix (core/tests/test_authorisation_matrix.py)."""

from brobygger.assessments.models import Submission
from brobygger.assessments.services import submission_create
from brobygger.assessments.tests.factories import upload
from brobygger.testing import Personas


def _submission(personas: Personas) -> Submission:
    # The matrix calls each builder once, so both routes share this one attempt.
    return submission_create(
        by=personas.participant_user, enrolment=personas.enrolment, upload=upload()
    )


OBJECTS = {
    "enrolment_submission_create": lambda personas: personas.enrolment,
    "submission_download": _submission,
    "submission_assess": _submission,
}
