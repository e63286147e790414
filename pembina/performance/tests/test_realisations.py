"""Realisations, evidence uploads (bad inputs), feedback, and automatic fill from data sources."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.test import override_settings

from pembina.core.audit.context import Source, audit_context
from pembina.core.exceptions import ApplicationError
from pembina.core.models import AuditEntry
from pembina.performance import datasources, selectors, services
from pembina.performance.choices import RealisationSource
from pembina.performance.models import Evidence, GoalRealisation, Realisation
from pembina.performance.rules import evidence as ev_rules
from pembina.performance.tests.factories import approve

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def docx_bytes():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


@pytest.fixture
def approved(skp):
    approve(skp.plan)
    ind = skp.plan.results.get().indicators.get()
    return skp, ind, skp.year.periods.get(number=1)


def test_record_realisation_and_progress(approved):
    skp, ind, q1 = approved
    real = services.realisation_record(
        indicator=ind, period=q1, value="3,5", narrative="3 dokumen dan draf", actor=skp.users["owner"]
    )
    assert real.value == Decimal("3.5") and real.source == RealisationSource.MANUAL
    detail = selectors.plan_detail(actor=skp.users["rater"], pk=skp.plan.pk, on=dt.date(2026, 4, 2))
    status = detail.status[ind.pk]
    assert status.ytd == Decimal("3.5") and status.progress == Decimal("29.17") and status.pace == "on_track"
    for who in ("rater", "rater_superior", "outsider"):
        with pytest.raises((ApplicationError, Http404)):
            services.realisation_record(indicator=ind, period=q1, value=1, actor=skp.users[who])
    with pytest.raises(ApplicationError, match="Isi nilai"):
        services.realisation_record(indicator=ind, period=q1, value=None, actor=skp.users["owner"])
    with pytest.raises(ApplicationError, match="bukan angka"):
        services.realisation_record(indicator=ind, period=q1, value="tiga", actor=skp.users["owner"])


def test_no_realisation_before_approval(skp):
    ind = skp.plan.results.get().indicators.get()
    with pytest.raises(ApplicationError, match="setelah SKP disetujui"):
        services.realisation_record(
            indicator=ind, period=skp.year.periods.first(), value=1, actor=skp.users["owner"]
        )


def test_feedback_by_the_rater_only(approved):
    skp, ind, q1 = approved
    real = services.realisation_record(indicator=ind, period=q1, value=3, actor=skp.users["owner"])
    fb = services.realisation_feedback_add(
        realisation=real, body="Bagus, lampirkan daftar hadir", actor=skp.users["rater"]
    )
    assert fb.author_name == skp.city.people["kasi_a1a"].full_name
    with pytest.raises(ApplicationError):
        services.realisation_feedback_add(realisation=real, body="x", actor=skp.users["owner"])
    assert skp.users["owner"].performance_notifications.filter(kind="feedback").count() == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("laporan.pdf", EXE, "tidak sesuai"),  # a program renamed to .pdf
        ("foto.png", PDF, "tidak sesuai"),  # a real PDF named .png
        ("kosong.pdf", b"", "kosong"),
        ("program.exe", EXE, "tidak diterima"),
        ("tanpa_ekstensi", PDF, "tidak diterima"),
        ("palsu.docx", b"PK\x03\x04" + b"\x00" * 40, "tidak sesuai"),  # a zip that is not a document
    ],
)
def test_evidence_bad_inputs_are_refused(approved, name, data, message):
    skp, ind, q1 = approved
    real = services.realisation_record(indicator=ind, period=q1, value=3, actor=skp.users["owner"])
    with pytest.raises(ApplicationError, match=message):
        services.evidence_add(
            realisation=real, upload=SimpleUploadedFile(name, data), actor=skp.users["owner"]
        )
    assert not Evidence.objects.exists()


@override_settings(PEMBINA_EVIDENCE_MAX_MB=1)
def test_evidence_oversized_is_refused_before_reading(approved):
    skp, ind, q1 = approved
    real = services.realisation_record(indicator=ind, period=q1, value=3, actor=skp.users["owner"])
    big = SimpleUploadedFile("besar.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(ApplicationError, match="terlalu besar"):
        services.evidence_add(realisation=real, upload=big, actor=skp.users["owner"])


def test_evidence_good_files_are_stored_with_a_safe_name(approved):
    skp, ind, q1 = approved
    real = services.realisation_record(indicator=ind, period=q1, value=3, actor=skp.users["owner"])
    ev = services.evidence_add(
        realisation=real,
        upload=SimpleUploadedFile("../../etc/passwd\x00 laporan Q1.PDF", PDF),
        actor=skp.users["owner"],
    )
    assert ev.original_name == "passwd laporan Q1.pdf" and ev.content_type == "application/pdf"
    assert ev.file.name.startswith("performance/evidence/") and ".." not in ev.file.name
    assert default_storage.open(ev.file.name).read() == PDF
    for name, data in (("foto.png", PNG), ("notulen.docx", docx_bytes())):
        services.evidence_add(
            realisation=real, upload=SimpleUploadedFile(name, data), actor=skp.users["admin"]
        )
    assert real.evidence.count() == 3
    assert selectors.evidence_get_for_actor(actor=skp.users["rater"], pk=ev.pk) == ev
    with pytest.raises(Http404):
        selectors.evidence_get_for_actor(actor=skp.users["outsider"], pk=ev.pk)


def test_safe_name():
    assert ev_rules.safe_name("..\\..\\windows\\system32\\x.pdf") == "x.pdf"
    assert ev_rules.safe_name("/etc/passwd") == "passwd"
    assert ev_rules.safe_name("....") == "bukti"
    assert (
        ev_rules.safe_name("a" * 500 + ".pdf").endswith(".pdf")
        and len(ev_rules.safe_name("a" * 500 + ".pdf")) <= 120
    )
    assert ev_rules.safe_name("laporan<script>.pdf") == "laporan_script.pdf"


# --- data sources ---------------------------------------------------------------------------


@pytest.fixture
def fake_source():
    calls = []

    def provider(requests):
        calls.append(requests)
        return {
            r.key: datasources.SourceValue(Decimal("4.5"), cases=120, provenance=f"uji {r.start}–{r.end}")
            for r in requests
            if r.params.get("layanan") != "kosong"
        }

    datasources.register(
        "uji.waktu_selesai",
        label="Waktu selesai (uji)",
        unit="hari",
        direction="lower",
        provider=provider,
        param_names=("layanan",),
    )
    yield calls
    datasources._REGISTRY.pop("uji.waktu_selesai", None)


def test_fill_from_sources_with_provenance_and_override(skp, fake_source):
    r = skp.plan.results.get()
    fed = services.indicator_add(
        result=r,
        name="Waktu penyelesaian KTP-el",
        target=5,
        unit="hari kerja",
        direction="lower",
        aggregation="average",
        data_source="uji.waktu_selesai",
        data_source_params={"layanan": "ktp"},
        actor=None,
    )
    empty = services.indicator_add(
        result=r,
        name="Tanpa data",
        target=5,
        unit="hari",
        direction="lower",
        data_source="uji.waktu_selesai",
        data_source_params={"layanan": "kosong"},
        actor=None,
    )
    with pytest.raises(ApplicationError, match="tidak dikenal"):
        services.indicator_add(
            result=r,
            name="x",
            target=1,
            data_source="uji.waktu_selesai",
            data_source_params={"salah": 1},
            actor=None,
        )
    with pytest.raises(ApplicationError, match="tidak dikenal"):
        services.indicator_add(result=r, name="x", target=1, data_source="tidak.ada", actor=None)
    approve(skp.plan)
    report = services.realisations_fill_from_sources(year=skp.year, on=dt.date(2026, 7, 10))
    assert len(fake_source) == 1  # one provider call for every indicator and period
    assert report.created == 2 and report.no_data == 2 and not report.errors
    q1 = Realisation.objects.get(indicator=fed, period__number=1)
    assert (q1.value, q1.source, q1.source_cases) == (Decimal("4.5"), RealisationSource.DATA_SOURCE, 120)
    assert q1.provenance.startswith("uji 2026-01-01")
    assert not Realisation.objects.filter(indicator=empty).exists()
    # running again changes nothing
    again = services.realisations_fill_from_sources(year=skp.year, on=dt.date(2026, 7, 10))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    # a manual override needs a reason, is audited, and survives the next fill
    with pytest.raises(ApplicationError, match="alasan"):
        services.realisation_record(indicator=fed, period=q1.period, value=6, actor=skp.users["owner"])
    with audit_context(source=Source.WEB, user=skp.users["owner"]):  # as the web middleware does
        services.realisation_record(
            indicator=fed,
            period=q1.period,
            value=6,
            override_reason="2 berkas rusak dihitung ulang",
            actor=skp.users["owner"],
        )
    q1.refresh_from_db()
    assert (q1.value, q1.source_value, q1.source) == (
        Decimal(6),
        Decimal("4.5"),
        RealisationSource.OVERRIDDEN,
    )
    entry = AuditEntry.objects.filter(
        object_type="performance.realisation", object_id=str(q1.pk), action="update"
    ).latest("id")
    assert entry.after["source"] == "overridden" and entry.actor_id == skp.users["owner"].pk
    assert entry.after["override_reason"] == "2 berkas rusak dihitung ulang" and entry.source == "web"
    services.realisations_fill_from_sources(year=skp.year, on=dt.date(2026, 7, 10))
    q1.refresh_from_db()
    assert q1.value == Decimal(6)


def test_fill_goal_indicators_and_survive_a_broken_provider(skp, fake_source):
    from pembina.performance.choices import GoalLevel

    goal = services.goal_create(
        year=skp.year, level=GoalLevel.OPD, opd=skp.city.dinas_a, statement="x", actor=None
    )
    iku = services.goal_indicator_create(
        goal=goal,
        name="Waktu",
        unit="hari",
        target=5,
        direction="lower",
        data_source="uji.waktu_selesai",
        data_source_params={"layanan": "ktp"},
        actor=None,
    )

    def broken(requests):
        raise RuntimeError("server mati")

    datasources.register("uji.rusak", label="Rusak", unit="x", direction="higher", provider=broken)
    try:
        services.indicator_add(
            result=skp.plan.results.get(), name="y", target=1, data_source="uji.rusak", actor=None
        )
        approve(skp.plan)
        report = services.realisations_fill_from_sources(year=skp.year, period=skp.year.periods.get(number=1))
    finally:
        datasources._REGISTRY.pop("uji.rusak", None)
    assert GoalRealisation.objects.get(indicator=iku).value == Decimal("4.5")
    assert any("server mati" in e for e in report.errors)
    with pytest.raises(ApplicationError):
        services.realisations_fill_from_sources(year=skp.year, actor=skp.users["admin"])
