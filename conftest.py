"""Shared pytest fixtures: a small city with one person in every role, in and out of scope."""

import datetime as dt
import os
from dataclasses import dataclass

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

# CI runs two xdist workers on two cores: a per-example deadline only measures the machine's load there.
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", deadline=None, print_blob=True)
if os.environ.get("CI"):
    _hypothesis_settings.load_profile("ci")


@dataclass
class City:
    instansi: object
    pemda: object
    setda: object
    dinas_a: object
    bidang_a1: object
    seksi_a1a: object
    dinas_b: object
    bidang_b1: object
    positions: dict
    people: dict  # key → Employee
    users: dict  # role key → User


ROLE_KEYS = ["pegawai", "pejabat_penilai", "admin_opd", "admin_bkpsdm", "pimpinan", "auditor"]


def build_city():
    from pembina.accounts.choices import Role
    from pembina.accounts.tests.factories import make_user
    from pembina.org.choices import JobLevel, JobType, UnitKind
    from pembina.org.tests.factories import InstansiFactory, PositionFactory, make_employee, make_unit

    inst = InstansiFactory(code="UJI", name="Pemerintah Kota Uji", region_name="Kota Uji")
    pemda = make_unit(
        instansi=inst, name="Pemerintah Kota Uji", kind=UnitKind.PEMDA, code="PEMDA", is_opd=False
    )
    setda = make_unit(
        instansi=inst,
        parent=pemda,
        name="Sekretariat Daerah",
        kind=UnitKind.SEKRETARIAT_DAERAH,
        code="SETDA",
        is_opd=True,
    )
    dinas_a = make_unit(
        instansi=inst, parent=pemda, name="Dinas Kesehatan", kind=UnitKind.DINAS, code="DINKES", is_opd=True
    )
    bidang_a1 = make_unit(
        instansi=inst,
        parent=dinas_a,
        name="Bidang Pencegahan Penyakit",
        kind=UnitKind.BIDANG,
        code="DINKES-P2P",
    )
    seksi_a1a = make_unit(
        instansi=inst, parent=bidang_a1, name="Seksi Imunisasi", kind=UnitKind.SEKSI, code="DINKES-P2P-IMUN"
    )
    dinas_b = make_unit(
        instansi=inst,
        parent=pemda,
        name="Dinas Kependudukan dan Pencatatan Sipil",
        kind=UnitKind.DINAS,
        code="DISDUKCAPIL",
        is_opd=True,
    )
    bidang_b1 = make_unit(
        instansi=inst,
        parent=dinas_b,
        name="Bidang Pelayanan Pendaftaran Penduduk",
        kind=UnitKind.BIDANG,
        code="DUKCAPIL-PDP",
    )
    P = PositionFactory
    pos = {
        "sekda": P(unit=setda, name="Sekretaris Daerah", job_type=JobType.JPT_PRATAMA, is_head=True),
        "kadis_a": P(unit=dinas_a, name="Kepala Dinas Kesehatan", job_type=JobType.JPT_PRATAMA, is_head=True),
        "kabid_a1": P(unit=bidang_a1, name="Kepala Bidang P2P", job_type=JobType.ADMINISTRATOR, is_head=True),
        "kasi_a1a": P(unit=seksi_a1a, name="Kepala Seksi Imunisasi", job_type=JobType.PENGAWAS, is_head=True),
        "staff_a": P(
            unit=seksi_a1a,
            name="Pengelola Data Imunisasi",
            job_type=JobType.PELAKSANA,
            level=JobLevel.OPERATOR,
        ),
        "epid_a": P(
            unit=seksi_a1a,
            name="Epidemiolog Kesehatan Ahli Pertama",
            job_type=JobType.FUNGSIONAL,
            level=JobLevel.AHLI_PERTAMA,
        ),
        "kadis_b": P(unit=dinas_b, name="Kepala Dinas Dukcapil", job_type=JobType.JPT_PRATAMA, is_head=True),
        "kabid_b1": P(unit=bidang_b1, name="Kepala Bidang PDP", job_type=JobType.ADMINISTRATOR, is_head=True),
        "staff_b": P(
            unit=bidang_b1,
            name="Pengadministrasi Kependudukan",
            job_type=JobType.PELAKSANA,
            level=JobLevel.KLEREK,
        ),
    }
    start = dt.date(2020, 1, 1)
    people = {
        "sekda": make_employee(
            instansi=inst, position=pos["sekda"], name="Sekda Uji", rank="IV/c", start=start
        ),
        "kadis_a": make_employee(
            instansi=inst, position=pos["kadis_a"], name="Ani Kadis", gender="P", rank="IV/b", start=start
        ),
        "kabid_a1": make_employee(
            instansi=inst, position=pos["kabid_a1"], name="Bambang Kabid", rank="IV/a", start=start
        ),
        "kasi_a1a": make_employee(
            instansi=inst, position=pos["kasi_a1a"], name="Citra Kasi", gender="P", rank="III/d", start=start
        ),
        "staff_a": make_employee(
            instansi=inst, position=pos["staff_a"], name="Dedi Staf", rank="II/c", start=start
        ),
        "staff_a2": make_employee(
            instansi=inst,
            position=pos["epid_a"],
            name="Eka Epidemiolog",
            gender="P",
            rank="III/a",
            start=start,
        ),
        "kadis_b": make_employee(
            instansi=inst, position=pos["kadis_b"], name="Fajar Kadis", rank="IV/b", start=start
        ),
        "kabid_b1": make_employee(
            instansi=inst, position=pos["kabid_b1"], name="Gita Kabid", gender="P", rank="IV/a", start=start
        ),
        "staff_b": make_employee(
            instansi=inst, position=pos["staff_b"], name="Hadi Staf", rank="II/b", start=start
        ),
    }
    users = {
        "pegawai": make_user(username=people["staff_a"].nip, employee=people["staff_a"]),
        "pejabat_penilai": make_user(username=people["kabid_a1"].nip, employee=people["kabid_a1"]),
        "admin_opd": make_user(username="admin.dinkes", instansi=inst, role=Role.ADMIN_OPD, unit=dinas_a),
        "admin_bkpsdm": make_user(username="admin.bkpsdm", instansi=inst, role=Role.ADMIN_BKPSDM),
        "pimpinan": make_user(username="pimpinan", instansi=inst, role=Role.PIMPINAN),
        "auditor": make_user(username="auditor", instansi=inst, role=Role.AUDITOR),
    }
    for key in ("pimpinan", "admin_bkpsdm", "admin_opd", "auditor", "pegawai", "pejabat_penilai"):
        users[key].refresh_from_db()
    return City(inst, pemda, setda, dinas_a, bidang_a1, seksi_a1a, dinas_b, bidang_b1, pos, people, users)


@pytest.fixture
def city(db):
    return build_city()


def _totp(user):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, generate_totp_secret())


@pytest.fixture
def login(client):
    """Log a user in for a view test (admin roles get a TOTP authenticator so 2FA is satisfied)."""

    def _login(user, *, with_mfa=True):
        if with_mfa:
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user, type="totp").exists():
                _totp(user)
        client.force_login(user)
        return client

    return _login
