from .attachments import ComplaintAttachment
from .calendar import Holiday, ServicePolicy
from .catalogue import Service
from .complaints import Complaint, ComplaintEscalation, ComplaintEvent
from .open311 import Open311ApiKey, Open311Submission
from .requests import RequestEvent, ServiceRequest
from .stats import ServiceMonthStat
from .surveys import SurveyResponse

__all__ = [
    "Complaint",
    "ComplaintAttachment",
    "ComplaintEscalation",
    "ComplaintEvent",
    "Holiday",
    "Open311ApiKey",
    "Open311Submission",
    "RequestEvent",
    "Service",
    "ServiceMonthStat",
    "ServicePolicy",
    "ServiceRequest",
    "SurveyResponse",
]
