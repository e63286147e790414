"""Who may do what to an evaluation, in which state: the rule set as data, read by the services.

Roles are relative to one evaluation: owner (the employee), rater (pejabat penilai; the Pimpinan
role for OPD heads rated by the Wali Kota), rater_superior (atasan pejabat penilai; decides
appeals), team (Tim Penilai Kinerja: Admin OPD of the unit, Admin BKPSDM), reader (Pimpinan,
Auditor, heads of units above)."""

from __future__ import annotations

OWNER, RATER, RATER_SUPERIOR, TEAM, READER = "owner", "rater", "rater_superior", "team", "reader"
ROLES = (OWNER, RATER, RATER_SUPERIOR, TEAM, READER)

DRAFT, RATED, PUBLISHED, LOCKED = "draft", "rated", "published", "locked"
OPEN = frozenset({DRAFT, RATED})
ANY = frozenset({DRAFT, RATED, PUBLISHED, LOCKED})

# action → (roles allowed, states allowed)
RULES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "view": (frozenset({RATER, RATER_SUPERIOR, TEAM, READER}), ANY),
    "view_own": (frozenset({OWNER}), frozenset({PUBLISHED, LOCKED})),
    "refresh": (frozenset({RATER, TEAM}), OPEN),
    "rate": (frozenset({RATER}), OPEN),
    "invite_360": (frozenset({RATER, TEAM}), OPEN),
    "view_360": (frozenset({RATER, TEAM}), ANY),
    "calibrate": (frozenset({TEAM}), frozenset({RATED})),
    "publish": (frozenset({RATER, TEAM}), frozenset({RATED})),
    "lock": (frozenset({TEAM}), frozenset({PUBLISHED})),
    "appeal": (frozenset({OWNER}), frozenset({PUBLISHED})),
    "request_explanations": (frozenset({RATER_SUPERIOR}), frozenset({PUBLISHED})),
    "explain_rater": (frozenset({RATER}), frozenset({PUBLISHED})),
    "explain_employee": (frozenset({OWNER}), frozenset({PUBLISHED})),
    "decide_appeal": (frozenset({RATER_SUPERIOR}), frozenset({PUBLISHED})),
}


def allowed(action: str, roles: frozenset[str] | set[str], state: str) -> bool:
    who, states = RULES[action]
    return bool(set(roles) & who) and state in states


def can_view(roles: frozenset[str] | set[str], state: str) -> bool:
    return allowed("view", roles, state) or allowed("view_own", roles, state)


def actions_for(roles: frozenset[str] | set[str], state: str) -> list[str]:
    return [a for a in RULES if allowed(a, roles, state)]
