from .calendar import Holiday, ServicePolicy
from .catalogue import Service
from .complaints import Complaint, ComplaintEscalation, ComplaintEvent
from .requests import RequestEvent, ServiceRequest
from .stats import ServiceMonthStat
from .surveys import SurveyResponse

__all__ = [
    "Complaint",
    "ComplaintEscalation",
    "ComplaintEvent",
    "Holiday",
    "RequestEvent",
    "Service",
    "ServiceMonthStat",
    "ServicePolicy",
    "ServiceRequest",
    "SurveyResponse",
]
