"""Reads of the public services app (see docs/public-services.md for the interface)."""

from .calendar import holiday_list, policy_for, work_calendar
from .catalogue import (
    public_instansi,
    public_opd_list,
    public_service_get,
    public_service_list,
    service_get_for_actor,
    service_list,
)
from .complaints import (
    complaint_can_change,
    complaint_escalations,
    complaint_forwarding_history,
    complaint_get_for_actor,
    complaint_list,
    complaint_reporter,
    complaint_timeline,
    complaint_track,
    complaints_escalated_to,
)
from .requests import (
    request_deadline,
    request_deadlines,
    request_get_for_actor,
    request_list,
    request_timeline,
    request_track,
    requests_escalated_to,
    survey_invitation,
)
from .stats import (
    public_breakdown,
    public_month_figures,
    public_period_figures,
    stats_month_figures,
    stats_period_figures,
    stats_version,
)
from .surveys import skm_report, skm_summary

__all__ = [
    "complaint_can_change",
    "complaint_escalations",
    "complaint_forwarding_history",
    "complaint_get_for_actor",
    "complaint_list",
    "complaint_reporter",
    "complaint_timeline",
    "complaint_track",
    "complaints_escalated_to",
    "holiday_list",
    "policy_for",
    "public_breakdown",
    "public_instansi",
    "public_month_figures",
    "public_opd_list",
    "public_period_figures",
    "public_service_get",
    "public_service_list",
    "request_deadline",
    "request_deadlines",
    "request_get_for_actor",
    "request_list",
    "request_timeline",
    "request_track",
    "requests_escalated_to",
    "service_get_for_actor",
    "service_list",
    "skm_report",
    "skm_summary",
    "stats_month_figures",
    "stats_period_figures",
    "stats_version",
    "survey_invitation",
    "work_calendar",
]
