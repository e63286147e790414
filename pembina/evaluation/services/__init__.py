"""Every write of the evaluation app with rules: UI, API, imports, jobs and the demo call these."""

from .admin import evaluation_settings_update, organisation_predicate_record, potential_score_set
from .appeals import appeal_decide, appeal_explain, appeal_file, appeal_request_explanations
from .publication import (
    PublishReport,
    evaluation_lock,
    evaluation_publish,
    evaluations_lock_due,
    evaluations_publish,
    follow_up_record,
)
from .rating import evaluation_calibrate, evaluation_rate, feedback360_invite, feedback360_submit
from .run import RunReport, evaluation_open, evaluation_refresh, evaluation_run

__all__ = [
    "PublishReport",
    "RunReport",
    "appeal_decide",
    "appeal_explain",
    "appeal_file",
    "appeal_request_explanations",
    "evaluation_calibrate",
    "evaluation_lock",
    "evaluation_open",
    "evaluation_publish",
    "evaluation_rate",
    "evaluation_refresh",
    "evaluation_run",
    "evaluation_settings_update",
    "evaluations_lock_due",
    "evaluations_publish",
    "feedback360_invite",
    "feedback360_submit",
    "follow_up_record",
    "organisation_predicate_record",
    "potential_score_set",
]
