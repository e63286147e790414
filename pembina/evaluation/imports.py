"""Spreadsheet import of the evaluation app (the engine is `pembina.core.imports`):

* `potential_scores` — skor potensi (hasil asesmen potensi) per employee per year, for the 9-box.

Rows are checked against lookup tables loaded once, then written set-based in one transaction through
the audited querysets; re-importing the same file writes nothing."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pembina.core.imports import Column, HeaderMap, ImportSpec, Plan, Row, RowProblems
from pembina.core.imports.context import ImportContext, admin_context, can_import
from pembina.core.imports.entry import ImportCatalogue
from pembina.core.imports.report import ErrorReport
from pembina.core.imports.values import parse_date, parse_int, text
from pembina.evaluation.models import PotentialScore
from pembina.org.models import Employee

BATCH = 2000


def _context(actor) -> ImportContext:
    return admin_context(actor, refusal=_("Anda tidak berwenang mengimpor skor potensi."))


def _score(raw: Any) -> Decimal:
    from pembina.core.imports.values import ValueProblem

    value = text(raw).replace(",", ".")
    if not value:
        raise ValueProblem(_("Skor potensi wajib diisi (0–100)."))
    try:
        score = Decimal(value)
    except InvalidOperation:
        raise ValueProblem(_("Skor potensi '%(v)s' bukan angka.") % {"v": value}) from None
    if not score.is_finite() or not 0 <= score <= 100:
        raise ValueProblem(_("Skor potensi harus 0–100."))
    return score.quantize(Decimal("0.01"))


class PotentialScoreImport(ImportSpec):
    kind = "potential_scores"
    title = gettext_lazy("skor potensi")
    columns = (
        Column(
            "nip",
            "NIP",
            required=True,
            help=gettext_lazy("NIP 18 digit pegawai."),
            example="198503142010011001",
        ),
        Column(
            "year",
            "TAHUN",
            required=True,
            aliases=("tahun penilaian",),
            help=gettext_lazy("Tahun kinerja."),
            example="2025",
        ),
        Column(
            "score",
            "SKOR POTENSI",
            required=True,
            aliases=("skor", "nilai potensi"),
            help=gettext_lazy("0–100 (koma atau titik desimal)."),
            example="78,5",
        ),
        Column(
            "assessed_on",
            "TANGGAL ASESMEN",
            aliases=("tanggal",),
            help=gettext_lazy("dd-mm-yyyy; tidak boleh di masa depan."),
            example="12-08-2025",
        ),
        Column(
            "source",
            "SUMBER",
            aliases=("lembaga", "asesor"),
            help=gettext_lazy("Penyelenggara asesmen."),
            example="UPT Penilaian Kompetensi",
        ),
        Column("note", "CATATAN", aliases=("keterangan",), help=gettext_lazy("Catatan bebas."), example=""),
    )

    def prepare(self, *, actor) -> ImportContext:
        ctx = _context(actor)
        ctx.lookups["employees"] = {
            nip: (pk, path)
            for nip, pk, path in Employee.objects.filter(instansi_id=ctx.instansi_id).values_list(
                "nip", "pk", "current_unit_path"
            )
        }
        ctx.lookups["existing"] = {
            (emp, year): (pk, score, assessed, source, note)
            for pk, emp, year, score, assessed, source, note in PotentialScore.objects.filter(
                employee__instansi_id=ctx.instansi_id
            ).values_list("pk", "employee_id", "year", "score", "assessed_on", "source", "note")
        }
        return ctx

    def clean_row(self, raw: dict[str, Any], problems: RowProblems, ctx: ImportContext) -> dict[str, Any]:
        nip = "".join(ch for ch in text(raw.get("nip")) if ch.isdigit())
        if len(nip) != 18:
            problems.add("nip", _("NIP harus 18 digit."))
        year = problems.value("year", parse_int, raw.get("year"), minimum=2000, maximum=2100)
        if year is None and not any(k == "year" for k, _m in problems.items):
            problems.add("year", _("Tahun wajib diisi."))
        score = problems.value("score", _score, raw.get("score"))
        assessed = problems.value("assessed_on", parse_date, raw.get("assessed_on"))
        if assessed is not None and assessed > ctx.today:
            problems.add("assessed_on", _("Tanggal asesmen tidak boleh di masa depan."))
        return {
            "nip": nip,
            "year": year,
            "score": score,
            "assessed_on": assessed,
            "source": text(raw.get("source"))[:120],
            "note": text(raw.get("note"))[:300],
        }

    def plan(self, rows: list[Row], ctx: ImportContext, report: ErrorReport, header: HeaderMap) -> Plan:
        employees, existing = ctx.lookups["employees"], ctx.lookups["existing"]
        seen: dict[tuple, int] = {}
        new, updates, unchanged = [], [], 0
        for row in rows:
            d = row.data
            key = (d["nip"], d["year"])
            if key in seen:
                report.add(
                    row.number,
                    "nip",
                    _("NIP dan tahun ini sudah ada di baris %(r)s.") % {"r": seen[key]},
                )
                continue
            seen[key] = row.number
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
            values = (d["score"], d["assessed_on"], d["source"], d["note"])
            current = existing.get((emp_id, d["year"]))
            if current is None:
                new.append(
                    PotentialScore(
                        employee_id=emp_id,
                        year=d["year"],
                        score=d["score"],
                        assessed_on=d["assessed_on"],
                        source=d["source"],
                        note=d["note"],
                        recorded_by=ctx.actor if getattr(ctx.actor, "pk", None) else None,
                    )
                )
            elif tuple(current[1:]) != values:
                updates.append(
                    PotentialScore(
                        pk=current[0],
                        score=d["score"],
                        assessed_on=d["assessed_on"],
                        source=d["source"],
                        note=d["note"],
                    )
                )
            else:
                unchanged += 1
        return Plan(created=len(new), updated=len(updates), unchanged=unchanged, payload=(new, updates))

    def write(self, plan: Plan, ctx: ImportContext, header: HeaderMap) -> None:
        new, updates = plan.payload
        now = timezone.now()
        PotentialScore.objects.bulk_create(new, batch_size=BATCH)
        for obj in updates:
            obj.updated_at = now
        PotentialScore.objects.bulk_update(
            updates, ["score", "assessed_on", "source", "note", "updated_at"], batch_size=BATCH
        )


SPECS: dict[str, ImportSpec] = {spec.kind: spec for spec in (PotentialScoreImport(),)}
KIND_CHOICES = [("potential_scores", gettext_lazy("Skor potensi (9-box)"))]

CATALOGUE = ImportCatalogue(SPECS, job_handler="pembina.evaluation.imports.run_import_job")
get_spec = CATALOGUE.get_spec
import_file = CATALOGUE.import_file
import_start = CATALOGUE.import_start
run_import_job = CATALOGUE.run_import_job

__all__ = [
    "CATALOGUE",
    "KIND_CHOICES",
    "SPECS",
    "PotentialScoreImport",
    "can_import",
    "import_file",
    "import_start",
    "run_import_job",
]
