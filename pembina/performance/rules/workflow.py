"""Who may do what to an SKP, in which state: the rule set as data, read by the services.

Roles are relative to one plan (as of the plan's date, from its header snapshot):
owner (the employee), rater (pejabat penilai; the Pimpinan role when the rater is the Wali Kota),
rater_superior (atasan pejabat penilai), admin (Admin OPD of the plan's unit, or Admin BKPSDM),
reader (Pimpinan, Auditor, heads of a unit above the plan), outsider (nobody above).
"""

from __future__ import annotations

OWNER = "owner"
RATER = "rater"
RATER_SUPERIOR = "rater_superior"
ADMIN = "admin"
READER = "reader"
ROLES = (OWNER, RATER, RATER_SUPERIOR, ADMIN, READER)

DRAFT, SUBMITTED, RETURNED, APPROVED = "draft", "submitted", "returned", "approved"
EDITABLE = frozenset({DRAFT, RETURNED})
ANY = frozenset({DRAFT, SUBMITTED, RETURNED, APPROVED})

# action → (roles allowed, states allowed, resulting state or None)
RULES: dict[str, tuple[frozenset[str], frozenset[str], str | None]] = {
    "view": (frozenset(ROLES), ANY, None),
    "create": (frozenset({OWNER, RATER, ADMIN}), ANY, DRAFT),
    "edit": (frozenset({OWNER, RATER, ADMIN}), EDITABLE, None),
    "submit": (frozenset({OWNER}), EDITABLE, SUBMITTED),
    "withdraw": (frozenset({OWNER}), frozenset({SUBMITTED}), DRAFT),
    "approve": (frozenset({RATER}), frozenset({SUBMITTED}), APPROVED),
    "return": (frozenset({RATER}), frozenset({SUBMITTED}), RETURNED),
    "revise": (frozenset({OWNER, RATER}), frozenset({APPROVED}), DRAFT),
    "comment": (frozenset({OWNER, RATER}), ANY, None),
    "set_expectation": (frozenset({RATER}), frozenset({DRAFT, RETURNED, SUBMITTED}), None),
    "cascade_from": (frozenset({OWNER}), ANY, None),  # distribute one of my RHKs downward
    "record_realisation": (frozenset({OWNER, ADMIN}), ANY, None),
    "give_feedback": (frozenset({RATER}), ANY, None),
    "coach": (frozenset({RATER}), ANY, None),
    "refresh_header": (frozenset({OWNER, RATER, ADMIN}), EDITABLE, None),
}


def allowed(action: str, roles: frozenset[str] | set[str], state: str) -> bool:
    who, states, _to = RULES[action]
    return bool(set(roles) & who) and state in states


def target_state(action: str) -> str | None:
    return RULES[action][2]


def actions_for(roles: frozenset[str] | set[str], state: str) -> list[str]:
    """Every action `roles` may take on a plan in `state` (for buttons in the UI)."""
    return [a for a in RULES if allowed(a, roles, state)]
