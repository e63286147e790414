"""Standar kompetensi jabatan: the required level of each competency for a position.

A position's own rows (imported from the job's standard) win; otherwise the default for its job type
and level applies (a row for the exact jenjang beats a row for the job type with any jenjang).
The defaults below follow the levels commonly set under PermenPANRB 38/2017 for managerial and
socio-cultural competencies; they are seed data, editable by BKPSDM (docs/learning.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

# job_type → required level of every managerial competency / of perekat bangsa
MANAGERIAL_DEFAULT = {
    "jpt_utama": 5,
    "jpt_madya": 5,
    "jpt_pratama": 4,
    "administrator": 3,
    "pengawas": 2,
    "pelaksana": 1,
}
SOCIO_CULTURAL_DEFAULT = {
    "jpt_utama": 5,
    "jpt_madya": 4,
    "jpt_pratama": 3,
    "administrator": 3,
    "pengawas": 2,
    "pelaksana": 1,
}
# jabatan fungsional by jenjang: (managerial, socio-cultural)
FUNCTIONAL_DEFAULT = {
    "ahli_utama": (4, 4),
    "ahli_madya": (3, 3),
    "ahli_muda": (2, 2),
    "ahli_pertama": (1, 1),
    "penyelia": (2, 2),
    "mahir": (1, 1),
    "terampil": (1, 1),
    "pemula": (1, 1),
}


def default_rows(managerial_ids: Iterable[int], socio_ids: Iterable[int]) -> list[tuple[str, str, int, int]]:
    """(job_type, level, competency id, required) rows of the default table for the given competencies."""
    managerial_ids, socio_ids = list(managerial_ids), list(socio_ids)
    rows: list[tuple[str, str, int, int]] = []
    for job_type, lvl in MANAGERIAL_DEFAULT.items():
        rows += [(job_type, "", cid, lvl) for cid in managerial_ids]
        rows += [(job_type, "", cid, SOCIO_CULTURAL_DEFAULT[job_type]) for cid in socio_ids]
    for level, (man, soc) in FUNCTIONAL_DEFAULT.items():
        rows += [("fungsional", level, cid, man) for cid in managerial_ids]
        rows += [("fungsional", level, cid, soc) for cid in socio_ids]
    return rows


def resolve(
    *,
    position_rows: Mapping[int, int],
    defaults: Iterable[tuple[str, str, int, int]],
    job_type: str,
    level: str,
) -> dict[int, int]:
    """competency id → required level for one position."""
    exact: dict[int, int] = {}
    generic: dict[int, int] = {}
    for jt, lvl, cid, req in defaults:
        if jt != job_type:
            continue
        if lvl and lvl == level:
            exact[cid] = req
        elif not lvl:
            generic[cid] = req
    result = {**generic, **exact}
    result.update(position_rows)
    return {cid: req for cid, req in result.items() if req}
