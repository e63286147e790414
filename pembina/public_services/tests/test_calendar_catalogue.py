"""Holidays and the service policy, the service catalogue and its seed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.http import Http404

from pembina.core.exceptions import ApplicationError
from pembina.core.models import AuditEntry
from pembina.org.choices import UnitKind
from pembina.org.tests.factories import make_unit
from pembina.public_services import selectors, services
from pembina.public_services.models import Holiday, Service

pytestmark = pytest.mark.django_db


def test_holiday_seed_is_idempotent_and_audited(city):
    added = services.holidays_seed(instansi=city.instansi)
    assert added == Holiday.objects.count() > 60
    assert services.holidays_seed(instansi=city.instansi) == 0
    assert AuditEntry.objects.filter(object_type="public_services.holiday").count() == added
    estimate = Holiday.objects.get(instansi=city.instansi, date=dt.date(2027, 3, 10))
    assert not estimate.is_confirmed
    cal = selectors.work_calendar(instansi_id=city.instansi.pk)
    assert not cal.is_working_day(dt.date(2026, 3, 23))  # cuti bersama Idul Fitri


def test_only_the_instansi_admin_edits_holidays(city):
    with pytest.raises(ApplicationError):
        services.holiday_create(
            instansi=city.instansi,
            date=dt.date(2026, 10, 23),
            name="Hari Jadi Kota",
            kind="regional",
            actor=city.users["admin_opd"],
        )
    h = services.holiday_create(
        instansi=city.instansi,
        date=dt.date(2026, 10, 23),
        name="Hari Jadi <b>Kota</b>",
        kind="regional",
        actor=city.users["admin_bkpsdm"],
    )
    assert h.name == "Hari Jadi Kota"
    assert not selectors.work_calendar(instansi_id=city.instansi.pk).is_working_day(dt.date(2026, 10, 23))
    h = services.holiday_update(
        holiday=h, data={"date": dt.date(2026, 10, 22)}, actor=city.users["admin_bkpsdm"]
    )
    assert h.date == dt.date(2026, 10, 22)
    services.holiday_delete(holiday=h, actor=city.users["admin_bkpsdm"])
    assert selectors.work_calendar(instansi_id=city.instansi.pk).is_working_day(dt.date(2026, 10, 22))
    assert list(selectors.holiday_list(actor=city.users["pegawai"], year=2026)) == []


def test_policy_defaults_and_validation(city):
    policy = selectors.policy_for(instansi=city.instansi)
    assert policy.pk is None and policy.tracking_prefix == "UJI"
    assert [policy.tier_days(t) for t in ("light", "normative", "non_supervisory", "supervisory")] == [
        2,
        5,
        14,
        60,
    ]
    assert (policy.complaint_verify_days, policy.complaint_plan_days) == (3, 5)
    with pytest.raises(ApplicationError):
        services.service_policy_update(instansi=city.instansi, data={"tracking_prefix": "pt1"}, actor=None)
    with pytest.raises(ApplicationError):
        services.service_policy_update(instansi=city.instansi, data={"tier_light_days": 0}, actor=None)
    policy = services.service_policy_update(
        instansi=city.instansi, data={"tracking_prefix": "ptk"}, actor=None
    )
    assert policy.pk and policy.tracking_prefix == "PTK"


def test_catalogue_seed_finds_the_units(city):
    puskesmas = make_unit(
        instansi=city.instansi,
        parent=city.dinas_a,
        name="Puskesmas Purnama",
        kind=UnitKind.PUSKESMAS,
        code="PKM-PURNAMA",
    )
    created = services.catalogue_seed(instansi=city.instansi)
    codes = {s.code: s for s in created}
    assert codes["DUKCAPIL-KTPEL"].unit == city.bidang_b1  # Bidang Pelayanan Pendaftaran Penduduk
    assert codes["DUKCAPIL-AKTALAHIR"].unit == city.dinas_b  # no Pencatatan Sipil bidang: the Dinas
    assert codes["DUKCAPIL-KTPEL"].is_free and "Kartu Keluarga" in codes["DUKCAPIL-KTPEL"].requirements
    assert codes["PKM-PURNAMA-SKS"].fee == Decimal("15000") and codes["PKM-PURNAMA-SKS"].unit == puskesmas
    assert codes["PKM-PURNAMA-UMUM"].completion_days == 0
    assert "DPMPTSP-PBG" not in codes  # the test city has no DPMPTSP
    assert services.catalogue_seed(instansi=city.instansi) == []


def test_public_seed_for_a_fresh_instansi(city):
    result = services.public_services_seed(instansi=city.instansi, program_start=dt.date(2025, 7, 1))
    assert result["holidays"] > 60 and result["services"] >= 5
    assert selectors.policy_for(instansi=city.instansi).program_start == dt.date(2025, 7, 1)


def test_service_create_update_permissions(city):
    admin_dinkes = city.users["admin_opd"]
    with pytest.raises(ApplicationError):
        services.service_create(
            unit=city.dinas_b, code="X-1", name="Layanan", completion_days=1, actor=admin_dinkes
        )
    s = services.service_create(
        unit=city.seksi_a1a,
        code="dinkes-imun",
        name="<i>Imunisasi</i>",
        completion_days=2,
        actor=admin_dinkes,
        fee="0",
    )
    assert (s.code, s.name, s.opd, s.unit_path) == (
        "DINKES-IMUN",
        "Imunisasi",
        city.dinas_a,
        city.seksi_a1a.path,
    )
    with pytest.raises(ApplicationError):
        services.service_create(
            unit=city.seksi_a1a, code="DINKES-IMUN", name="Dobel", completion_days=1, actor=None
        )
    with pytest.raises(ApplicationError):
        services.service_create(
            unit=city.seksi_a1a, code="NEG", name="x", completion_days=1, actor=None, fee="-1"
        )
    with pytest.raises(ApplicationError):
        services.service_create(unit=city.seksi_a1a, code="BAD CODE", name="x", completion_days=1, actor=None)
    s = services.service_update(
        service=s, data={"completion_days": 3, "unit": city.bidang_a1}, actor=admin_dinkes
    )
    assert s.completion_days == 3 and s.unit == city.bidang_a1
    with pytest.raises(ApplicationError):
        services.service_update(service=s, data={"unit": city.dinas_b}, actor=admin_dinkes)
    with pytest.raises(ApplicationError):
        services.service_update(service=s, data={"name": "x"}, actor=city.users["pegawai"])


def test_catalogue_reads(city):
    a = services.service_create(unit=city.dinas_b, code="A", name="Akta", completion_days=3, actor=None)
    b = services.service_create(
        unit=city.seksi_a1a, code="B", name="Imunisasi", completion_days=1, actor=None, is_active=False
    )
    assert set(selectors.service_list(actor=city.users["pegawai"])) == {
        a,
        b,
    }  # the catalogue is public knowledge
    assert list(selectors.public_service_list(instansi_id=city.instansi.pk)) == [a]
    assert selectors.public_service_get(instansi_id=city.instansi.pk, code="a") == a
    with pytest.raises(Http404):
        selectors.public_service_get(instansi_id=city.instansi.pk, code="B")  # inactive
    assert list(selectors.public_opd_list(instansi_id=city.instansi.pk)) == [city.dinas_b]
    assert selectors.public_instansi() == city.instansi
    assert Service.objects.for_actor(city.users["admin_opd"], "change").filter(pk=a.pk).exists() is False
