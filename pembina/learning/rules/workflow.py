"""Who may do what to an IDP or an enrolment, in which state: the rules as data, read by the services.

Roles are relative to the employee concerned, as of today: owner (the employee), superior (the
pejabat penilai from `org.selectors.superior_chain`; the Pimpinan role when that is the Wali Kota),
admin_opd (Admin OPD of the employee's unit), admin_bkpsdm, manager (who runs the event: Admin BKPSDM,
or Admin OPD of the organising unit), reader (Pimpinan, Auditor, heads of units above).
"""

from __future__ import annotations

OWNER = "owner"
SUPERIOR = "superior"
ADMIN_OPD = "admin_opd"
ADMIN_BKPSDM = "admin_bkpsdm"
MANAGER = "manager"
READER = "reader"
ROLES = (OWNER, SUPERIOR, ADMIN_OPD, ADMIN_BKPSDM, MANAGER, READER)
ADMINS = frozenset({ADMIN_OPD, ADMIN_BKPSDM})

# --- IDP (rencana pengembangan individu) ----------------------------------------------------------

DRAFT, SUBMITTED, RETURNED, AGREED = "draft", "submitted", "returned", "agreed"
PLAN_ANY = frozenset({DRAFT, SUBMITTED, RETURNED, AGREED})
PLAN_EDITABLE = frozenset({DRAFT, RETURNED})

# action → (roles allowed, states allowed, resulting state or None)
PLAN_RULES: dict[str, tuple[frozenset[str], frozenset[str], str | None]] = {
    "view": (frozenset(ROLES), PLAN_ANY, None),
    "create": (frozenset({OWNER, *ADMINS}), PLAN_ANY, DRAFT),
    "edit": (frozenset({OWNER, *ADMINS}), PLAN_EDITABLE, None),
    # after agreement the owner may still add (flagged as added later), e.g. when enrolling in a course
    "add_activity": (frozenset({OWNER, *ADMINS}), frozenset({DRAFT, RETURNED, AGREED}), None),
    "submit": (frozenset({OWNER}), PLAN_EDITABLE, SUBMITTED),
    "withdraw": (frozenset({OWNER}), frozenset({SUBMITTED}), DRAFT),
    "agree": (frozenset({SUPERIOR}), frozenset({SUBMITTED}), AGREED),
    "return": (frozenset({SUPERIOR}), frozenset({SUBMITTED}), RETURNED),
    "reopen": (frozenset({OWNER, SUPERIOR}), frozenset({AGREED}), DRAFT),
    "complete_activity": (frozenset({OWNER, SUPERIOR, *ADMINS}), frozenset({AGREED}), None),
}

# Verifying a completed activity the employee reported (coaching, self study …) before it counts.
VERIFY_RECORD = frozenset({SUPERIOR, *ADMINS})
# Reviewing an uploaded external certificate.
REVIEW_CERTIFICATE = ADMINS

# --- enrolment in a training event (two-step approval) ---------------------------------------------

REQUESTED, SUPERIOR_APPROVED, APPROVED = "requested", "superior_approved", "approved"
REJECTED, WITHDRAWN, CANCELLED = "rejected", "withdrawn", "cancelled"
COMPLETED, NOT_COMPLETED = "completed", "not_completed"
REOPENABLE = frozenset({REJECTED, WITHDRAWN, CANCELLED})
ENROLMENT_ANY = frozenset(
    {REQUESTED, SUPERIOR_APPROVED, APPROVED, REJECTED, WITHDRAWN, CANCELLED, COMPLETED, NOT_COMPLETED}
)

ENROLMENT_RULES: dict[str, tuple[frozenset[str], frozenset[str], str | None]] = {
    "view": (frozenset(ROLES), ENROLMENT_ANY, None),
    # "request" on an existing row re-opens a rejected/withdrawn/cancelled one
    "request": (frozenset({OWNER, *ADMINS}), REOPENABLE, REQUESTED),
    "withdraw": (frozenset({OWNER}), frozenset({REQUESTED, SUPERIOR_APPROVED, APPROVED}), WITHDRAWN),
    "superior_approve": (frozenset({SUPERIOR}), frozenset({REQUESTED}), SUPERIOR_APPROVED),
    "superior_reject": (frozenset({SUPERIOR}), frozenset({REQUESTED}), REJECTED),
    "approve": (frozenset({ADMIN_BKPSDM}), frozenset({SUPERIOR_APPROVED}), APPROVED),
    "reject": (frozenset({ADMIN_BKPSDM}), frozenset({REQUESTED, SUPERIOR_APPROVED}), REJECTED),
    "cancel": (frozenset({MANAGER}), frozenset({APPROVED}), CANCELLED),
    "attendance": (frozenset({MANAGER}), frozenset({APPROVED}), None),
    "scores": (frozenset({MANAGER}), frozenset({APPROVED, COMPLETED, NOT_COMPLETED}), None),
    "complete": (frozenset({MANAGER}), frozenset({APPROVED}), None),  # → completed / not_completed
    "evaluate": (frozenset({OWNER}), frozenset({COMPLETED, NOT_COMPLETED}), None),
}


def allowed(rules: dict, action: str, roles: frozenset[str] | set[str], state: str) -> bool:
    who, states, _to = rules[action]
    return bool(set(roles) & who) and state in states


def target_state(rules: dict, action: str) -> str | None:
    return rules[action][2]


def actions_for(rules: dict, roles: frozenset[str] | set[str], state: str) -> list[str]:
    """Every action `roles` may take in `state` (for buttons in the UI)."""
    return [a for a in rules if a != "view" and allowed(rules, a, roles, state)]
