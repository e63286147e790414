"""One employee's development activities for a year, for the evaluation page to show beside results."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from pembina.learning.choices import AttemptStatus
from pembina.learning.models import (
    Attempt,
    CompetencyAssessment,
    DevelopmentNeed,
    DevelopmentPlan,
    Enrolment,
    PlanActivity,
)
from pembina.learning.selectors.jp import EmployeeJp, jp_employee_year


@dataclass
class DevelopmentActivities:
    jp: EmployeeJp  # total, target, shortfall, records (verified) and pending ones
    plan: DevelopmentPlan | None  # the IDP with its activities
    enrolments: list[Enrolment]
    simulations: list[Attempt]  # finished attempts of the year, best first
    assessments: list[CompetencyAssessment]  # competency levels recorded in the year
    needs: list[DevelopmentNeed]  # needs opened in the year


def employee_development_activities(*, actor, employee_pk, year: int) -> DevelopmentActivities:
    """Everything the employee did to develop in `year` (404 when the employee is out of sight);
    a fixed number of queries."""
    jp = jp_employee_year(actor=actor, employee_pk=employee_pk, year=year)
    employee = jp.employee
    plan = (
        DevelopmentPlan.objects.filter(employee=employee, year=year)
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=PlanActivity.objects.select_related("competency").order_by("order", "id"),
            )
        )
        .first()
    )
    enrolments = list(
        Enrolment.objects.filter(employee=employee, event__start_date__year=year)
        .select_related("event", "event__programme")
        .order_by("event__start_date")
    )
    simulations = list(
        Attempt.objects.filter(employee=employee, status=AttemptStatus.FINISHED, finished_at__year=year)
        .select_related("scenario")
        .order_by("-percent", "-finished_at")
    )
    assessments = list(
        CompetencyAssessment.objects.filter(employee=employee, assessed_on__year=year)
        .select_related("competency")
        .order_by("-assessed_on")
    )
    needs = list(
        DevelopmentNeed.objects.filter(employee=employee, opened_on__year=year).select_related("competency")
    )
    return DevelopmentActivities(jp, plan, enrolments, simulations, assessments, needs)
