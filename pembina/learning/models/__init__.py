from .competencies import Competency, CompetencyLevel, PositionStandard, StandardDefault
from .notifications import LearningNotification
from .plans import DevelopmentNeed, DevelopmentPlan, PlanActivity, PlanEvent
from .profile import CompetencyAssessment, CompetencyGap
from .records import MONTH_FIELDS, DevelopmentRecord, JpPolicy, JpSummary
from .rollups import JpRollup, JpRollupYear
from .simulations import Attempt, AttemptAnswer, Choice, Scenario, ScenarioCompetency, Step
from .training import (
    Certificate,
    Enrolment,
    EnrolmentEvent,
    Event,
    EventEvaluation,
    Programme,
    ProgrammeCompetency,
)

__all__ = [
    "MONTH_FIELDS",
    "Attempt",
    "AttemptAnswer",
    "Certificate",
    "Choice",
    "Competency",
    "CompetencyAssessment",
    "CompetencyGap",
    "CompetencyLevel",
    "DevelopmentNeed",
    "DevelopmentPlan",
    "DevelopmentRecord",
    "Enrolment",
    "EnrolmentEvent",
    "Event",
    "EventEvaluation",
    "JpPolicy",
    "JpRollup",
    "JpRollupYear",
    "JpSummary",
    "LearningNotification",
    "PlanActivity",
    "PlanEvent",
    "PositionStandard",
    "Programme",
    "ProgrammeCompetency",
    "Scenario",
    "ScenarioCompetency",
    "StandardDefault",
    "Step",
]
