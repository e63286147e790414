"""factory-boy factories for the org app; NIPs are always valid and unique."""

import datetime as dt
import itertools

import factory

from pembina.org.choices import AsnStatus, JobType, UnitKind
from pembina.org.models import Instansi, Position, Unit
from pembina.org.rules.nip import make_nip

_seq = itertools.count(1)


def next_nip(*, birth=dt.date(1985, 3, 14), gender="L", tmt=dt.date(2010, 1, 1)) -> str:
    n = next(_seq)
    # vary the birth day as well, so the 3-digit sequence never runs out
    birth = birth + dt.timedelta(days=n // 900)
    return make_nip(birth=birth, gender=gender, sequence=n % 900 + 1, tmt=tmt)


class InstansiFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instansi
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"I{n:03d}")
    name = factory.LazyAttribute(lambda o: f"Pemerintah Kota Uji {o.code}")
    region_name = "Kota Uji"


def make_unit(*, instansi, parent=None, name=None, kind=UnitKind.DINAS, code=None, is_opd=None) -> Unit:
    from pembina.org.services import unit_create

    n = next(_seq)
    return unit_create(
        instansi=instansi,
        parent=parent,
        code=code or f"U{n:05d}",
        name=name or f"Unit {n}",
        kind=kind,
        is_opd=is_opd,
        actor=None,
    )


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    unit = None
    instansi = factory.LazyAttribute(lambda o: o.unit.instansi)
    code = factory.Sequence(lambda n: f"J{n:05d}")
    name = factory.Sequence(lambda n: f"Jabatan {n}")
    job_type = JobType.PELAKSANA
    is_head = False


def make_employee(
    *,
    instansi,
    position=None,
    name="Budi Santoso",
    gender="L",
    birth=dt.date(1985, 3, 14),
    status=AsnStatus.PNS,
    rank="III/a",
    start=dt.date(2020, 1, 1),
    **extra,
):
    from pembina.org.services import employee_create

    nip = next_nip(birth=birth, gender=gender)
    from pembina.org.rules.nip import parse

    info = parse(nip)
    data = {
        "nip": nip,
        "name": name,
        "gender": gender,
        "birth_date": info.birth_date,
        "asn_status": status,
        "rank": rank,
        **extra,
    }
    return employee_create(instansi=instansi, data=data, actor=None, position=position, start_date=start)
