"""Reads of the evaluation app (every read for a user starts from `.for_actor`; 404 outside)."""

from .basic import (
    appeal_get_for_actor,
    appeal_list,
    appeals_to_decide,
    evaluation_actions,
    evaluation_get_for_actor,
    evaluation_list,
    evaluation_timeline,
    evaluations_to_rate,
    feedback360_get_for_actor,
    feedback360_requests_for,
    follow_up_list,
    my_evaluations,
    organisation_predicate_list,
    potential_score_list,
)
from .calibration import (
    Distribution,
    NineBox,
    NineBoxEntry,
    RaterRow,
    distribution,
    nine_box,
    rater_comparison,
)
from .detail import (
    AchievementRow,
    BehaviourRow,
    EvaluationDetail,
    evaluation_detail,
    evaluation_indicator_rows,
    feedback360_aggregate,
)
from .distribution import organisation_predicate_for
from .settings import evaluation_settings_for

__all__ = [
    "AchievementRow",
    "BehaviourRow",
    "Distribution",
    "EvaluationDetail",
    "NineBox",
    "NineBoxEntry",
    "RaterRow",
    "appeal_get_for_actor",
    "appeal_list",
    "appeals_to_decide",
    "distribution",
    "evaluation_actions",
    "evaluation_detail",
    "evaluation_get_for_actor",
    "evaluation_indicator_rows",
    "evaluation_list",
    "evaluation_settings_for",
    "evaluation_timeline",
    "evaluations_to_rate",
    "feedback360_aggregate",
    "feedback360_get_for_actor",
    "feedback360_requests_for",
    "follow_up_list",
    "my_evaluations",
    "nine_box",
    "organisation_predicate_for",
    "organisation_predicate_list",
    "potential_score_list",
    "rater_comparison",
]
