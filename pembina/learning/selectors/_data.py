"""Set-based reads without an actor, used by services and by the scoped selectors after scoping:
required levels per position, current levels per employee, JP policy per instansi and year."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from pembina.learning.models import (
    Competency,
    CompetencyAssessment,
    JpPolicy,
    PositionStandard,
    StandardDefault,
)
from pembina.learning.rules import jp as jp_rules
from pembina.learning.rules import standards as std_rules
from pembina.learning.rules.profile import Assessed, current
from pembina.org.models import Position

CHUNK = 900


def _chunks(ids: list[int]):
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def default_rows(instansi_id: int) -> list[tuple[str, str, int, int]]:
    """The instansi's default table; until BKPSDM stores one, the built-in table (rules.standards)."""
    rows = list(
        StandardDefault.objects.filter(instansi_id=instansi_id, competency__is_active=True).values_list(
            "job_type", "job_level", "competency_id", "required_level"
        )
    )
    if rows or StandardDefault.objects.filter(instansi_id=instansi_id).exists():
        return rows
    national = list(
        Competency.objects.filter(
            instansi__isnull=True, is_active=True, kind__in=["managerial", "socio_cultural"]
        ).values_list("pk", "kind")
    )
    return std_rules.default_rows(
        [pk for pk, kind in national if kind == "managerial"],
        [pk for pk, kind in national if kind != "managerial"],
    )


def standards_for(instansi_id: int, position_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """position id → {competency id: required level}: three queries whatever the number of positions
    (plus one per 900 positions when a list is given)."""
    ids = sorted({p for p in position_ids if p})
    if not ids:
        return {}
    defaults = default_rows(instansi_id)
    meta: dict[int, tuple[str, str]] = {}
    own: dict[int, dict[int, int]] = defaultdict(dict)
    for chunk in _chunks(ids):
        meta.update(
            {
                pk: (jt, lvl)
                for pk, jt, lvl in Position.objects.filter(pk__in=chunk).values_list(
                    "pk", "job_type", "level"
                )
            }
        )
        for pid, cid, req in PositionStandard.objects.filter(
            position_id__in=chunk, competency__is_active=True
        ).values_list("position_id", "competency_id", "required_level"):
            own[pid][cid] = req
    return {
        pid: std_rules.resolve(position_rows=own.get(pid, {}), defaults=defaults, job_type=jt, level=lvl)
        for pid, (jt, lvl) in meta.items()
    }


def standards_all(instansi_id: int) -> dict[int, dict[int, int]]:
    """Like `standards_for` for every position of the instansi (no id lists: constant queries)."""
    defaults = default_rows(instansi_id)
    own: dict[int, dict[int, int]] = defaultdict(dict)
    for pid, cid, req in PositionStandard.objects.filter(
        position__instansi_id=instansi_id, competency__is_active=True
    ).values_list("position_id", "competency_id", "required_level"):
        own[pid][cid] = req
    return {
        pid: std_rules.resolve(position_rows=own.get(pid, {}), defaults=defaults, job_type=jt, level=lvl)
        for pid, jt, lvl in Position.objects.filter(instansi_id=instansi_id).values_list(
            "pk", "job_type", "level"
        )
    }


def _current_from_rows(rows) -> dict[int, dict[int, Assessed]]:
    history: dict[tuple[int, int], list[Assessed]] = defaultdict(list)
    for emp, cid, level, source, day, pk in rows:
        history[(emp, cid)].append(Assessed(level, source, day, pk))
    result: dict[int, dict[int, Assessed]] = defaultdict(dict)
    for (emp, cid), items in history.items():
        decided = current(items)
        if decided is not None:
            result[emp][cid] = decided
    return result


FIELDS = ("employee_id", "competency_id", "level", "source", "assessed_on", "pk")


def current_levels(employee_ids: Iterable[int]) -> dict[int, dict[int, Assessed]]:
    """employee id → {competency id: the deciding assessment} (rules.profile)."""
    ids = sorted(set(employee_ids))
    rows: list[tuple] = []
    for chunk in _chunks(ids):
        rows += list(CompetencyAssessment.objects.filter(employee_id__in=chunk).values_list(*FIELDS))
    return _current_from_rows(rows)


def current_levels_all(instansi_id: int) -> dict[int, dict[int, Assessed]]:
    return _current_from_rows(
        CompetencyAssessment.objects.filter(employee__instansi_id=instansi_id)
        .values_list(*FIELDS)
        .iterator(chunk_size=5000)
    )


def jp_policy(instansi_id: int, year: int) -> jp_rules.Policy:
    """The instansi's policy in force for `year` (the latest effective on or before it), else the default."""
    doc = (
        JpPolicy.objects.filter(instansi_id=instansi_id, effective_year__lte=year)
        .order_by("-effective_year")
        .values_list("document", flat=True)
        .first()
    )
    return jp_rules.policy_from_dict(doc) if doc is not None else jp_rules.DEFAULT_POLICY
