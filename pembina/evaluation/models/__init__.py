from .appeals import Appeal
from .evaluations import (
    BehaviourFeedback,
    CalibrationAdjustment,
    Evaluation,
    EvaluationEvent,
    Feedback360,
    IndicatorAchievement,
)
from .followup import FollowUp, PotentialScore
from .lock import EvaluationLocked
from .organisation import OrganisationPredicate
from .settings import EvaluationSettings

__all__ = [
    "Appeal",
    "BehaviourFeedback",
    "CalibrationAdjustment",
    "Evaluation",
    "EvaluationEvent",
    "EvaluationLocked",
    "EvaluationSettings",
    "Feedback360",
    "FollowUp",
    "IndicatorAchievement",
    "OrganisationPredicate",
    "PotentialScore",
]
