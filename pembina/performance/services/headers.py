"""The SKP header: who the employee, the pejabat penilai and the atasan were on a date, for many at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from pembina.org.choices import AssignmentKind, JobType
from pembina.org.models import Assignment, Employee
from pembina.org.selectors import OrgSnapshot

JPT_TYPES = {JobType.JPT_UTAMA, JobType.JPT_MADYA, JobType.JPT_PRATAMA}


@dataclass
class Header:
    employee_id: int
    position: object | None
    unit: object | None
    rater_id: int | None
    rater_superior_id: int | None
    data: dict

    @property
    def form(self) -> str:
        if self.position is not None and self.position.job_type in JPT_TYPES:
            return "jpt"
        return "non_jpt"


def _placements(ids, on: dt.date) -> dict[int, Assignment]:
    """employee id → the definitive assignment active on `on` (latest wins), one query per 900 ids."""
    ids = list(ids)
    out: dict[int, Assignment] = {}
    for i in range(0, len(ids), 900):
        rows = (
            Assignment.objects.filter(employee_id__in=ids[i : i + 900], kind=AssignmentKind.DEFINITIVE)
            .filter(start_date__lte=on)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
            .select_related("position", "unit", "unit__opd")
            .order_by("start_date", "id")
        )
        for a in rows:
            out[a.employee_id] = a
    return out


def _person(emp: Employee | None, a: Assignment | None) -> dict:
    if emp is None:
        return {}
    return {
        "id": emp.pk,
        "name": emp.full_name,
        "nip": emp.nip,
        "rank": emp.rank,
        "pangkat": emp.pangkat,
        "position": a.position.name if a else "",
        "unit": a.unit.name if a else "",
    }


def _regional_head(instansi) -> dict:
    return {
        "id": None,
        "name": instansi.head_name or instansi.head_title,
        "nip": "",
        "rank": "",
        "pangkat": "",
        "position": instansi.head_title,
        "unit": instansi.name,
        "is_regional_head": True,
    }


def headers_for(*, employees: list[Employee], on: dt.date) -> dict[int, Header]:
    """Headers for many employees of one instansi as of `on`, in a fixed number of queries."""
    if not employees:
        return {}
    instansi = employees[0].instansi
    snap = OrgSnapshot(instansi_id=instansi.pk, on=on)
    own = _placements([e.pk for e in employees], on)
    placement = {eid: (a.unit_id, a.position.is_head) for eid, a in own.items()}
    sup = {e.pk: snap.superior_id(e.pk, placement.get(e.pk)) for e in employees}
    sup_ids = {s for s in sup.values() if s}
    sup_place = _placements(sup_ids, on)
    sup2 = {
        s: snap.superior_id(
            s, (sup_place[s].unit_id, sup_place[s].position.is_head) if s in sup_place else None
        )
        for s in sup_ids
    }
    sup2_ids = {s for s in sup2.values() if s} - sup_ids
    sup2_place = _placements(sup2_ids, on)
    people = Employee.objects.in_bulk(sup_ids | sup2_ids)
    places = {**sup_place, **sup2_place}
    result = {}
    for e in employees:
        a = own.get(e.pk)
        s = sup.get(e.pk)
        s2 = sup2.get(s) if s else None
        rater = _person(people.get(s), places.get(s)) if s else _regional_head(instansi)
        if s is None:
            rater_superior = {}
        elif s2 is None:
            rater_superior = _regional_head(instansi)
        else:
            rater_superior = _person(people.get(s2), places.get(s2))
        result[e.pk] = Header(
            employee_id=e.pk,
            position=a.position if a else None,
            unit=a.unit if a else None,
            rater_id=s,
            rater_superior_id=s2,
            data={
                "as_of": on.isoformat(),
                "instansi": instansi.name,
                "employee": _person(e, a),
                "rater": rater,
                "rater_superior": rater_superior,
            },
        )
    return result


def header_for(*, employee: Employee, on: dt.date) -> Header:
    return headers_for(employees=[employee], on=on)[employee.pk]
