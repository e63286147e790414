"""Spreadsheet imports of the learning app (the engine is `pembina.core.imports`):

* `competency_standards` — standar kompetensi jabatan: position code, competency code, required level.
* `competency_assessments` — assessment-centre (or competency-test) results: NIP, competency, level, date.

Rows are checked against lookup tables loaded once, then written set-based in one transaction through
the audited querysets; re-importing the same file writes nothing. The gap table is refreshed for the
positions/employees touched.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pembina.core.imports import Column, HeaderMap, ImportSpec, Plan, Row, RowProblems
from pembina.core.imports.context import ImportContext, admin_context, can_import
from pembina.core.imports.entry import ImportCatalogue
from pembina.core.imports.report import ErrorReport
from pembina.core.imports.values import normalize_key, parse_date, parse_int, text
from pembina.learning.choices import AssessmentSource
from pembina.learning.models import Competency, CompetencyAssessment, PositionStandard
from pembina.learning.services.gaps import gap_table_refresh, gap_table_refresh_positions
from pembina.org.models import Employee, Position

BATCH = 2000


def _context(actor) -> ImportContext:
    return admin_context(actor, refusal=_("Anda tidak berwenang mengimpor data kompetensi."))


def _competencies(instansi_id: int) -> dict[str, tuple[int, str]]:
    """code and name (normalised) → (id, name) of active competencies usable by the instansi."""
    table: dict[str, tuple[int, str]] = {}
    rows = Competency.objects.filter(is_active=True).filter(
        instansi__isnull=True
    ) | Competency.objects.filter(is_active=True, instansi_id=instansi_id)
    for pk, code, name in rows.values_list("pk", "code", "name"):
        table[normalize_key(code)] = (pk, name)
        table.setdefault(normalize_key(name), (pk, name))
    return table


def _competency(raw: dict, problems: RowProblems, ctx: ImportContext) -> int | None:
    value = text(raw.get("competency"))
    if not value:
        problems.add("competency", _("Kompetensi wajib diisi."))
        return None
    found = ctx.lookups["competencies"].get(normalize_key(value))
    if found is None:
        problems.add("competency", _("Kompetensi '%(v)s' tidak ada di kamus kompetensi.") % {"v": value})
        return None
    return found[0]


def _duplicate_keys(rows: list[Row], key, report: ErrorReport, column: str, message: str) -> set:
    seen: dict[Any, list[int]] = {}
    for row in rows:
        seen.setdefault(key(row), []).append(row.number)
    dups = {k for k, ns in seen.items() if len(ns) > 1}
    for k in dups:
        ns = seen[k]
        shown = ", ".join(str(n) for n in ns[:10])
        for n in ns:
            report.add(n, column, message % {"rows": shown})
    return dups


# --- standar kompetensi jabatan --------------------------------------------------------------------


class PositionStandardImport(ImportSpec):
    kind = "competency_standards"
    title = gettext_lazy("standar kompetensi jabatan")
    columns = (
        Column(
            "position_code",
            "KODE JABATAN",
            required=True,
            aliases=("kode", "jabatan"),
            help=gettext_lazy("Kode jabatan yang sudah ada di data jabatan."),
            example="DINKES-KADIS",
        ),
        Column(
            "competency",
            "KOMPETENSI",
            required=True,
            aliases=("kode kompetensi", "nama kompetensi"),
            help=gettext_lazy("Kode atau nama kompetensi di kamus (mis. integritas, Kerja Sama)."),
            example="integritas",
        ),
        Column(
            "required_level",
            "LEVEL STANDAR",
            required=True,
            aliases=("level", "standar", "level kompetensi"),
            help=gettext_lazy("0–5; 0 berarti kompetensi ini tidak dipersyaratkan untuk jabatan tersebut."),
            example="4",
        ),
    )

    def prepare(self, *, actor) -> ImportContext:
        ctx = _context(actor)
        ctx.lookups["competencies"] = _competencies(ctx.instansi_id)
        ctx.lookups["positions"] = {
            code: (pk, path)
            for code, pk, path in Position.objects.filter(instansi_id=ctx.instansi_id).values_list(
                "code", "pk", "unit__path"
            )
        }
        ctx.lookups["existing"] = {
            (pid, cid): (pk, lvl)
            for pk, pid, cid, lvl in PositionStandard.objects.filter(
                position__instansi_id=ctx.instansi_id
            ).values_list("pk", "position_id", "competency_id", "required_level")
        }
        return ctx

    def clean_row(self, raw: dict[str, Any], problems: RowProblems, ctx: ImportContext) -> dict[str, Any]:
        code = text(raw.get("position_code"))
        if not code:
            problems.add("position_code", _("Kode jabatan wajib diisi."))
        level = problems.value("required_level", parse_int, raw.get("required_level"), minimum=0, maximum=5)
        if level is None and "required_level" not in dict(problems.items):
            problems.add("required_level", _("Level standar wajib diisi (0–5)."))
        return {"position_code": code, "competency": _competency(raw, problems, ctx), "required_level": level}

    def plan(self, rows: list[Row], ctx: ImportContext, report: ErrorReport, header: HeaderMap) -> Plan:
        positions, existing = ctx.lookups["positions"], ctx.lookups["existing"]
        dups = _duplicate_keys(
            rows,
            lambda r: (r.data["position_code"], r.data["competency"]),
            report,
            "competency",
            _("Pasangan jabatan dan kompetensi ini muncul lebih dari sekali (baris %(rows)s)."),
        )
        new, updates, unchanged, touched = [], [], 0, set()
        for row in rows:
            d = row.data
            if (d["position_code"], d["competency"]) in dups:
                continue
            found = positions.get(d["position_code"])
            if found is None:
                report.add(
                    row.number,
                    "position_code",
                    _("Kode jabatan '%(c)s' tidak ditemukan.") % {"c": d["position_code"]},
                )
                continue
            pid, path = found
            if not ctx.can_change_path(path):
                report.add(
                    row.number,
                    "position_code",
                    _("Jabatan %(c)s berada di luar cakupan Anda.") % {"c": d["position_code"]},
                )
                continue
            current = existing.get((pid, d["competency"]))
            if current is None:
                new.append(
                    PositionStandard(
                        position_id=pid, competency_id=d["competency"], required_level=d["required_level"]
                    )
                )
            elif current[1] != d["required_level"]:
                updates.append(
                    PositionStandard(
                        pk=current[0],
                        position_id=pid,
                        competency_id=d["competency"],
                        required_level=d["required_level"],
                    )
                )
            else:
                unchanged += 1
                continue
            touched.add(pid)
        return Plan(
            created=len(new), updated=len(updates), unchanged=unchanged, payload=(new, updates, touched)
        )

    def write(self, plan: Plan, ctx: ImportContext, header: HeaderMap) -> None:
        new, updates, touched = plan.payload
        now = timezone.now()
        PositionStandard.objects.bulk_create(new, batch_size=BATCH)
        for obj in updates:
            obj.updated_at = now
        PositionStandard.objects.bulk_update(updates, ["required_level", "updated_at"], batch_size=BATCH)
        gap_table_refresh_positions(instansi_id=ctx.instansi_id, position_ids=touched)


# --- hasil asesmen kompetensi ----------------------------------------------------------------------

SOURCES = {
    normalize_key("assessment centre"): AssessmentSource.ASSESSMENT_CENTRE,
    normalize_key("assessment center"): AssessmentSource.ASSESSMENT_CENTRE,
    normalize_key("asesmen"): AssessmentSource.ASSESSMENT_CENTRE,
    normalize_key(AssessmentSource.ASSESSMENT_CENTRE.value): AssessmentSource.ASSESSMENT_CENTRE,
    normalize_key("uji kompetensi"): AssessmentSource.COMPETENCY_TEST,
    normalize_key(AssessmentSource.COMPETENCY_TEST.value): AssessmentSource.COMPETENCY_TEST,
}


class AssessmentImport(ImportSpec):
    kind = "competency_assessments"
    title = gettext_lazy("hasil asesmen kompetensi")
    columns = (
        Column(
            "nip",
            "NIP",
            required=True,
            help=gettext_lazy("NIP 18 digit pegawai yang dinilai."),
            example="198503142010011001",
        ),
        Column(
            "competency",
            "KOMPETENSI",
            required=True,
            aliases=("kode kompetensi", "nama kompetensi"),
            help=gettext_lazy("Kode atau nama kompetensi di kamus."),
            example="pengambilan-keputusan",
        ),
        Column(
            "level",
            "LEVEL",
            required=True,
            aliases=("level aktual", "nilai"),
            help=gettext_lazy("1–5."),
            example="3",
        ),
        Column(
            "assessed_on",
            "TANGGAL ASESMEN",
            required=True,
            aliases=("tanggal", "tgl asesmen"),
            help=gettext_lazy("dd-mm-yyyy; tidak boleh di masa depan."),
            example="12-08-2025",
        ),
        Column(
            "source",
            "SUMBER",
            aliases=("jenis penilaian",),
            help=gettext_lazy("Assessment centre (bawaan) atau Uji kompetensi."),
            example="Assessment centre",
        ),
        Column(
            "assessor",
            "LEMBAGA/ASESOR",
            aliases=("asesor", "lembaga"),
            help=gettext_lazy("Penyelenggara asesmen."),
            example="UPT Penilaian Kompetensi",
        ),
        Column(
            "reference",
            "NOMOR LAPORAN",
            aliases=("nomor", "referensi"),
            help=gettext_lazy("Nomor laporan hasil asesmen; kunci pembaruan (bawaan: tanggal asesmen)."),
            example="LHA/2025/081",
        ),
    )

    def prepare(self, *, actor) -> ImportContext:
        ctx = _context(actor)
        ctx.lookups["competencies"] = _competencies(ctx.instansi_id)
        return ctx

    def clean_row(self, raw: dict[str, Any], problems: RowProblems, ctx: ImportContext) -> dict[str, Any]:
        nip = "".join(ch for ch in text(raw.get("nip")) if ch.isdigit())
        if len(nip) != 18:
            problems.add("nip", _("NIP harus 18 digit."))
        level = problems.value("level", parse_int, raw.get("level"), minimum=1, maximum=5)
        if level is None and "level" not in dict(problems.items):
            problems.add("level", _("Level wajib diisi (1–5)."))
        day = problems.value("assessed_on", parse_date, raw.get("assessed_on"))
        if day is None and "assessed_on" not in dict(problems.items):
            problems.add("assessed_on", _("Tanggal asesmen wajib diisi."))
        elif day is not None and day > ctx.today:
            problems.add("assessed_on", _("Tanggal asesmen tidak boleh di masa depan."))
        source_raw = text(raw.get("source"))
        source = SOURCES.get(normalize_key(source_raw)) if source_raw else AssessmentSource.ASSESSMENT_CENTRE
        if source is None:
            problems.add(
                "source",
                _("Sumber '%(v)s' tidak dikenal; gunakan Assessment centre atau Uji kompetensi.")
                % {"v": source_raw},
            )
        reference = text(raw.get("reference"))[:120]
        assessor = text(raw.get("assessor"))
        if len(assessor) > 200:
            problems.add("assessor", _("Terlalu panjang (paling banyak 200 karakter)."))
        return {
            "nip": nip,
            "competency": _competency(raw, problems, ctx),
            "level": level,
            "assessed_on": day,
            "source": source,
            "reference": reference or (f"asesmen:{day.isoformat()}" if day else ""),
            "assessor": assessor,
        }

    def plan(self, rows: list[Row], ctx: ImportContext, report: ErrorReport, header: HeaderMap) -> Plan:
        nips = sorted({r.data["nip"] for r in rows})
        employees: dict[str, tuple[int, str]] = {}
        for i in range(0, len(nips), 900):
            for nip, pk, path in Employee.objects.filter(
                instansi_id=ctx.instansi_id, nip__in=nips[i : i + 900]
            ).values_list("nip", "pk", "current_unit_path"):
                employees[nip] = (pk, path)
        ids = [pk for pk, _p in employees.values()]
        existing: dict[tuple, tuple] = {}
        for i in range(0, len(ids), 900):
            for pk, emp, cid, source, ref, level, day, assessor in (
                CompetencyAssessment.objects.filter(employee_id__in=ids[i : i + 900])
                .exclude(source_ref="")
                .values_list(
                    "pk",
                    "employee_id",
                    "competency_id",
                    "source",
                    "source_ref",
                    "level",
                    "assessed_on",
                    "assessor_name",
                )
            ):
                existing[(emp, cid, source, ref)] = (pk, level, day, assessor)
        dups = _duplicate_keys(
            rows,
            lambda r: (r.data["nip"], r.data["competency"], r.data["source"], r.data["reference"]),
            report,
            "competency",
            _(
                "Hasil untuk pegawai, kompetensi dan laporan yang sama muncul lebih dari sekali (baris %(rows)s)."
            ),
        )
        new, updates, unchanged, touched = [], [], 0, set()
        for row in rows:
            d = row.data
            if (d["nip"], d["competency"], d["source"], d["reference"]) in dups:
                continue
            found = employees.get(d["nip"])
            if found is None:
                report.add(
                    row.number, "nip", _("Pegawai dengan NIP %(n)s tidak ditemukan.") % {"n": d["nip"]}
                )
                continue
            emp_id, path = found
            if not ctx.can_change_path(path):
                report.add(
                    row.number, "nip", _("Pegawai %(n)s berada di luar cakupan Anda.") % {"n": d["nip"]}
                )
                continue
            key = (emp_id, d["competency"], d["source"], d["reference"])
            values = (d["level"], d["assessed_on"], d["assessor"])
            current = existing.get(key)
            if current is None:
                new.append(
                    CompetencyAssessment(
                        employee_id=emp_id,
                        competency_id=d["competency"],
                        level=d["level"],
                        source=d["source"],
                        source_ref=d["reference"],
                        assessed_on=d["assessed_on"],
                        assessor_name=d["assessor"],
                        recorded_by=ctx.actor if getattr(ctx.actor, "pk", None) else None,
                    )
                )
            elif current[1:] != values:
                updates.append(
                    CompetencyAssessment(
                        pk=current[0],
                        employee_id=emp_id,
                        competency_id=d["competency"],
                        level=d["level"],
                        source=d["source"],
                        source_ref=d["reference"],
                        assessed_on=d["assessed_on"],
                        assessor_name=d["assessor"],
                    )
                )
            else:
                unchanged += 1
                continue
            touched.add(emp_id)
        return Plan(
            created=len(new), updated=len(updates), unchanged=unchanged, payload=(new, updates, touched)
        )

    def write(self, plan: Plan, ctx: ImportContext, header: HeaderMap) -> None:
        new, updates, touched = plan.payload
        now = timezone.now()
        CompetencyAssessment.objects.bulk_create(new, batch_size=BATCH)
        for obj in updates:
            obj.updated_at = now
        CompetencyAssessment.objects.bulk_update(
            updates, ["level", "assessed_on", "assessor_name", "updated_at"], batch_size=BATCH
        )
        gap_table_refresh(instansi_id=ctx.instansi_id, employee_ids=touched)


# --- entry points ----------------------------------------------------------------------------------

SPECS: dict[str, ImportSpec] = {spec.kind: spec for spec in (PositionStandardImport(), AssessmentImport())}
KIND_CHOICES = [
    ("competency_standards", gettext_lazy("Standar kompetensi jabatan")),
    ("competency_assessments", gettext_lazy("Hasil asesmen kompetensi")),
]


CATALOGUE = ImportCatalogue(SPECS, job_handler="pembina.learning.imports.run_import_job")
get_spec = CATALOGUE.get_spec
import_file = CATALOGUE.import_file  # the one import path: page, job, tests and benchmark
import_start = CATALOGUE.import_start
run_import_job = CATALOGUE.run_import_job


__all__ = [
    "KIND_CHOICES",
    "SPECS",
    "AssessmentImport",
    "PositionStandardImport",
    "can_import",
    "import_file",
    "import_start",
    "run_import_job",
]
