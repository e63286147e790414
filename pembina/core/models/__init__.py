from .audit import AuditChainHead, AuditEntry
from .base import AuditedModel, TimeStampedModel
from .jobs import Job

__all__ = ["AuditChainHead", "AuditEntry", "AuditedModel", "Job", "TimeStampedModel"]
