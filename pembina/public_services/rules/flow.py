"""Status flows of requests and complaints: which step may follow which."""

from __future__ import annotations

from pembina.public_services.choices import ComplaintStatus as C
from pembina.public_services.choices import ComplaintTier
from pembina.public_services.choices import RequestStatus as R

REQUEST_TRANSITIONS: dict[str, frozenset[str]] = {
    R.RECEIVED: frozenset({R.VERIFIED, R.REJECTED}),
    R.VERIFIED: frozenset({R.IN_PROCESS, R.REJECTED}),
    R.IN_PROCESS: frozenset({R.COMPLETED, R.REJECTED}),
    R.COMPLETED: frozenset({R.PICKED_UP}),
    R.PICKED_UP: frozenset(),
    R.REJECTED: frozenset(),
}

COMPLAINT_TRANSITIONS: dict[str, frozenset[str]] = {
    C.RECEIVED: frozenset({C.VERIFIED, C.REJECTED}),
    C.VERIFIED: frozenset({C.IN_PROGRESS, C.RESOLVED}),
    C.IN_PROGRESS: frozenset({C.RESOLVED}),
    # The complainant either accepts (closed) or disputes (back in progress); silence closes it too.
    C.RESOLVED: frozenset({C.CLOSED, C.IN_PROGRESS}),
    C.CLOSED: frozenset(),
    C.REJECTED: frozenset(),
}


def request_can_move(current: str, target: str) -> bool:
    return target in REQUEST_TRANSITIONS.get(current, frozenset())


def complaint_can_move(current: str, target: str) -> bool:
    return target in COMPLAINT_TRANSITIONS.get(current, frozenset())


def request_is_open(status: str) -> bool:
    return status in (R.RECEIVED, R.VERIFIED, R.IN_PROCESS)


def complaint_is_open(status: str) -> bool:
    return status in (C.RECEIVED, C.VERIFIED, C.IN_PROGRESS)


def complaint_can_forward(status: str) -> bool:
    """Forwarding to the competent unit happens after verification and before the resolution."""
    return status in (C.VERIFIED, C.IN_PROGRESS)


def open311_status(request_status: str) -> str:
    """GeoReport v2 knows only `open` and `closed`."""
    return "open" if request_is_open(request_status) else "closed"


# --- SP4N-LAPOR! deadlines (working days); defaults of ServicePolicy, editable per instansi ----------

DEFAULT_VERIFY_DAYS = 3  # verification of a report (LAPOR! FAQ)
DEFAULT_PLAN_DAYS = 5  # coordination and the follow-up plan after verification or forwarding
DEFAULT_TIER_DAYS = {
    ComplaintTier.LIGHT: 2,
    ComplaintTier.NORMATIVE: 5,
    ComplaintTier.NON_SUPERVISORY: 14,
    ComplaintTier.SUPERVISORY: 60,
}
DEFAULT_CONFIRM_DAYS = 10  # a resolved complaint the complainant never answers is closed after this
