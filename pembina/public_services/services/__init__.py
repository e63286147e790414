"""Writes of the public services app (see docs/public-services.md for the interface)."""

from .calendar import holiday_create, holiday_delete, holiday_update, holidays_seed, service_policy_update
from .catalogue import service_create, service_update
from .complaints import (
    complaint_confirm,
    complaint_forward,
    complaint_plan,
    complaint_reject,
    complaint_resolve,
    complaint_submit,
    complaint_verify,
    complaints_escalate_overdue,
)
from .requests import (
    request_complete,
    request_mark_picked_up,
    request_register,
    request_reject,
    request_start_processing,
    request_submit_online,
    request_transition,
    request_verify,
    requests_escalate_overdue,
)
from .seed import catalogue_seed, public_services_seed
from .stats import (
    escalation_enqueue,
    fed_indicators_fill,
    month_stats_refresh,
    month_stats_refresh_enqueue,
)
from .surveys import survey_submit

__all__ = [
    "catalogue_seed",
    "complaint_confirm",
    "complaint_forward",
    "complaint_plan",
    "complaint_reject",
    "complaint_resolve",
    "complaint_submit",
    "complaint_verify",
    "complaints_escalate_overdue",
    "escalation_enqueue",
    "holiday_create",
    "holiday_delete",
    "holiday_update",
    "holidays_seed",
    "fed_indicators_fill",
    "month_stats_refresh",
    "month_stats_refresh_enqueue",
    "public_services_seed",
    "request_complete",
    "request_mark_picked_up",
    "request_register",
    "request_reject",
    "request_start_processing",
    "request_submit_online",
    "request_transition",
    "request_verify",
    "requests_escalate_overdue",
    "service_create",
    "service_policy_update",
    "service_update",
    "survey_submit",
]
