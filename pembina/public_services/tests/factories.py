"""Test data for public services, on top of the shared `city` fixture (Disdukcapil = city.dinas_b)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from django.utils import timezone

from pembina.accounts.tests.factories import make_user
from pembina.public_services import services
from pembina.public_services.choices import RequestStatus

_seq = itertools.count(1)


def local(y: int, m: int, d: int, h: int = 9, mi: int = 0) -> dt.datetime:
    """An aware datetime in the instansi's time zone (Asia/Jakarta)."""
    return dt.datetime(y, m, d, h, mi, tzinfo=timezone.get_current_timezone())


def make_service(*, unit, code: str | None = None, days: int = 1, name: str | None = None, **extra):
    n = next(_seq)
    return services.service_create(
        unit=unit,
        code=code or f"SVC-{n:04d}",
        name=name or f"Layanan {n}",
        completion_days=days,
        actor=None,
        **extra,
    )


@dataclass
class PS:
    city: object
    ktp: object  # 1 working day, Disdukcapil registration unit (bidang_b1)
    akta: object  # 3 working days, Disdukcapil itself
    imun: object  # 2 working days, Dinas Kesehatan (out of Disdukcapil's scope)
    staff_user: object  # staff_b: counter clerk at Disdukcapil
    kabid_user: object  # kabid_b1: heads the registration unit
    kadis_user: object  # kadis_b: heads Disdukcapil


def build_ps(city) -> PS:
    services.holidays_seed(instansi=city.instansi)
    p = city.people
    return PS(
        city=city,
        ktp=make_service(unit=city.bidang_b1, code="DUKCAPIL-KTPEL", name="Penerbitan KTP-el", days=1),
        akta=make_service(unit=city.dinas_b, code="DUKCAPIL-AKTALAHIR", name="Akta Kelahiran", days=3),
        imun=make_service(unit=city.seksi_a1a, code="DINKES-IMUN", name="Imunisasi", days=2),
        staff_user=make_user(username=p["staff_b"].nip, employee=p["staff_b"]),
        kabid_user=make_user(username=p["kabid_b1"].nip, employee=p["kabid_b1"]),
        kadis_user=make_user(username=p["kadis_b"].nip, employee=p["kadis_b"]),
    )


def walk(request, *, to: str, actor, at: dt.datetime, step=dt.timedelta(minutes=5)):
    """Move a request along the main path up to `to`, one step every `step`."""
    path = [
        RequestStatus.VERIFIED,
        RequestStatus.IN_PROCESS,
        RequestStatus.COMPLETED,
        RequestStatus.PICKED_UP,
    ]
    first = path.index(request.status) + 1 if request.status in path else 0
    when = at
    for status in path[first : path.index(to) + 1]:
        request = services.request_transition(request=request, to_status=status, actor=actor, at=when)
        when += step
    return request
