from .behaviour import BehaviourGuide, CoreValue
from .coaching import CoachingFeedback, CoachingSession, CompetencyRating
from .goals import Goal, GoalIndicator, GoalRealisation
from .library import IndicatorTemplate
from .notifications import Notification
from .plans import (
    Indicator,
    PerformancePlan,
    PlanBehaviour,
    PlanComment,
    PlanEvent,
    PlannedResult,
    PlanVersion,
    ResultLink,
)
from .progress import IndicatorProgress, ProgressRollup
from .realisations import Evidence, Realisation, RealisationFeedback
from .years import PerformanceYear, Period

__all__ = [
    "BehaviourGuide",
    "CoachingFeedback",
    "CoachingSession",
    "CompetencyRating",
    "CoreValue",
    "Evidence",
    "Goal",
    "GoalIndicator",
    "GoalRealisation",
    "Indicator",
    "IndicatorProgress",
    "IndicatorTemplate",
    "Notification",
    "PerformancePlan",
    "PerformanceYear",
    "Period",
    "PlanBehaviour",
    "PlanComment",
    "PlanEvent",
    "PlanVersion",
    "ProgressRollup",
    "PlannedResult",
    "Realisation",
    "RealisationFeedback",
    "ResultLink",
]
