"""Writes of the review workflows. Each service takes keyword arguments and the acting user,
runs in one transaction, checks the role and the step through ``workflow`` and records the
step and the audit reason. ``today`` is passed in by callers that need a fixed date (tests,
demo); it defaults to the local date.

The decision services are the only callers of the register's ``record_statuses``: applying
a decision changes every household of it, or none.
"""

from .adhoc import (
    answer_adhoc,
    move,
    recognise_adhoc,
    record_adhoc_check,
    record_adhoc_survey,
    submit_application,
)
from .annual import (
    add_entry,
    answer_complaint,
    decide_annual,
    open_annual_review,
    post_lists,
    receive_complaint,
    record_entry_survey,
    record_meeting,
    report_annual,
)
from .common import LISTED, engine_prefill, holidays, proposed_status, survey_result
from .supervision import add_supervision_note

__all__ = [
    "LISTED",
    "add_entry",
    "add_supervision_note",
    "answer_adhoc",
    "answer_complaint",
    "decide_annual",
    "engine_prefill",
    "holidays",
    "move",
    "open_annual_review",
    "post_lists",
    "proposed_status",
    "receive_complaint",
    "recognise_adhoc",
    "record_adhoc_check",
    "record_adhoc_survey",
    "record_entry_survey",
    "record_meeting",
    "report_annual",
    "submit_application",
    "survey_result",
]
