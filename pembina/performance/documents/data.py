"""The content of an SKP document as plain data (the same dict feeds the PDF and the XLSX).

Built from the plan's snapshot (the working copy, or an approved version's frozen JSON), so a printed
version shows exactly what was approved. Every text is a plain string: the PDF template receives it as
JSON and typst renders strings literally, so user text is never read as markup.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.org.rules import nip as nip_rules
from pembina.org.rules import ranks
from pembina.performance.choices import Aspect, Perspective, PlanForm, PlanStatus, ResultKind
from pembina.performance.models import BehaviourGuide, CoreValue, Goal, PerformancePlan, PlanVersion
from pembina.performance.services.versions import plan_snapshot

DASH = "–"  # placeholder of an empty cell (a "-" would look like a formula to a spreadsheet)
MONTHS = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def long_date(day: dt.date | None) -> str:
    """2 Januari 2026 (month names are part of the legal form, not UI text)."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def number(value) -> str:
    """Indonesian number: 1.250,5 — no trailing zeros."""
    if value is None or value == "":
        return ""
    try:
        d = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    d = d.normalize() if d == d.to_integral() else d
    if d == d.to_integral():
        whole, frac = f"{int(d):,}", ""
    else:
        text = format(d, "f").rstrip("0")
        head, frac = text.split(".")
        whole = f"{int(head):,}" if head not in ("-0", "") else head
    whole = whole.replace(",", ".")
    return f"{whole},{frac}" if frac else whole


def target_text(indicator: dict) -> str:
    if indicator.get("target") not in (None, ""):
        unit = (indicator.get("unit") or "").strip()
        value = number(indicator["target"])
        if unit == "%":
            return f"{value}%"
        return f"{value} {unit}".strip()
    return indicator.get("target_text") or DASH


def _rank_text(person: dict) -> str:
    rank = person.get("rank") or ""
    if not rank:
        return DASH
    pangkat = person.get("pangkat") or ranks.PANGKAT.get(rank, "")
    if pangkat:
        return f"{pangkat}, {rank}"
    return _("Golongan %(r)s") % {"r": rank} if rank in ranks.PPPK_CODES else rank


def _person(person: dict | None, instansi_name: str) -> dict:
    person = person or {}
    nip = person.get("nip") or ""
    return {
        "name": person.get("name") or DASH,
        "nip": nip_rules.format_nip(nip) if nip else DASH,
        "rank": _rank_text(person),
        "position": person.get("position") or DASH,
        "unit": person.get("unit") or instansi_name or DASH,
    }


_BULLET = re.compile(r"^\s*(?:[-*•·]+|\d{1,2}[.)])\s+")


def _lines(text: str) -> list[str]:
    """One item per line; a typed bullet or number is dropped (the document numbers the items)."""
    return [_BULLET.sub("", line).strip() for line in (text or "").splitlines() if line.strip()]


def place_name(instansi) -> str:
    """Where the SKP is signed: the region without its kind ("Kota Pontianak" → "Pontianak")."""
    region = (instansi.region_name or instansi.name or "").strip()
    for prefix in ("Kota ", "Kabupaten ", "Provinsi "):
        if region.startswith(prefix):
            return region[len(prefix) :]
    return region


def labels() -> dict[str, str]:
    """Every fixed text of the form, translatable (the legal wording is the Indonesian default)."""
    return {
        "title": _("SASARAN KINERJA PEGAWAI"),
        "approach_quantitative": _("PENDEKATAN HASIL KERJA KUANTITATIF"),
        "approach_qualitative": _("PENDEKATAN HASIL KERJA KUALITATIF"),
        "for_jpt": _("BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"),
        "for_non_jpt": _("BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"),
        "period": _("PERIODE PENILAIAN"),
        "no": _("NO"),
        "employee": _("PEGAWAI YANG DINILAI"),
        "rater": _("PEJABAT PENILAI KINERJA"),
        "name": _("NAMA"),
        "nip": _("NIP"),
        "rank": _("PANGKAT/GOL. RUANG"),
        "position": _("JABATAN"),
        "unit": _("UNIT KERJA"),
        "results": _("HASIL KERJA"),
        "intervened": _("RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI"),
        "intervened_jpt": _("SASARAN STRATEGIS / KINERJA ORGANISASI YANG DIDUKUNG"),
        "result": _("RENCANA HASIL KERJA"),
        "aspect": _("ASPEK"),
        "indicator": _("INDIKATOR KINERJA INDIVIDU"),
        "target": _("TARGET"),
        "perspective": _("Perspektif"),
        "main": _("A. UTAMA"),
        "additional": _("B. TAMBAHAN"),
        "none": _("Tidak ada."),
        "behaviour": _("PERILAKU KERJA"),
        "expectation": _("EKSPEKTASI KHUSUS PIMPINAN"),
        "lampiran": _("LAMPIRAN SASARAN KINERJA PEGAWAI"),
        "support_resources": _("DUKUNGAN SUMBER DAYA"),
        "accountability_scheme": _("SKEMA PERTANGGUNGJAWABAN"),
        "consequences": _("KONSEKUENSI"),
        "signer_employee": _("Pegawai yang Dinilai"),
        "signer_rater": _("Pejabat Penilai Kinerja"),
        "page": _("Halaman"),
        "of": _("dari"),
        "draft": _("KONSEP"),
        "draft_note": _("Konsep — belum ditetapkan oleh pejabat penilai kinerja."),
        "version": _("Versi"),
        "sheet_skp": _("SKP"),
        "sheet_lampiran": _("Lampiran"),
    }


def _goal_statements(snapshot: dict) -> dict[int, str]:
    ids = {r["goal_id"] for r in snapshot["results"] if r.get("goal_id")}
    if not ids:
        return {}
    return dict(Goal.objects.filter(pk__in=ids).values_list("pk", "statement"))


def _guides() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for code, text in BehaviourGuide.objects.order_by("value__order", "order").values_list(
        "value__code", "text"
    ):
        out.setdefault(code, []).append(text)
    return out


def document_data(*, plan: PerformancePlan, version: int | None = None) -> dict:
    """The SKP as a dict for the templates. `version` = an approved version number (404 if there is
    none such); None = the plan as it is now (marked as a draft unless it is the approved version)."""
    instansi = plan.year.instansi
    if version is None:
        snapshot = plan_snapshot(plan)
        approved = plan.status == PlanStatus.APPROVED and plan.approved_version == plan.version
        approved_at = plan.approved_at if approved else None
    else:
        row = PlanVersion.objects.filter(plan=plan, number=version).first()
        if row is None:
            raise Http404
        snapshot, approved, approved_at = row.snapshot, True, row.approved_at
    header = snapshot.get("header") or {}
    goals = _goal_statements(snapshot)
    aspects = dict(Aspect.choices)
    perspectives = dict(Perspective.choices)
    groups = []
    for kind, label in ((ResultKind.MAIN, "main"), (ResultKind.ADDITIONAL, "additional")):
        rows = []
        for n, r in enumerate((r for r in snapshot["results"] if r["kind"] == kind), start=1):
            parent = r.get("parent_statement") or goals.get(r.get("goal_id"), "")
            rows.append(
                {
                    "no": n,
                    "parent": parent or DASH,
                    "statement": r["statement"],
                    "perspective": str(perspectives.get(r.get("perspective"), ""))
                    if r.get("perspective")
                    else "",
                    "indicators": [
                        {
                            "aspect": str(aspects.get(i["aspect"], i["aspect"])),
                            "name": i["name"],
                            "target": target_text(i),
                        }
                        for i in r["indicators"]
                    ],
                }
            )
        groups.append({"key": label, "results": rows})
    guides = _guides()
    names = dict(CoreValue.objects.values_list("code", "name"))
    behaviours = [
        {
            "no": n,
            "name": b.get("name") or names.get(b["value"], b["value"]),
            "guides": guides.get(b["value"], []),
            "expectation": b.get("expectation") or "",
        }
        for n, b in enumerate(snapshot.get("behaviours") or [], start=1)
    ]
    lampiran = snapshot.get("lampiran") or {}
    start = dt.date.fromisoformat(snapshot["start_date"])
    end = dt.date.fromisoformat(snapshot["end_date"])
    stamp = approved_at or plan.updated_at or timezone.now()
    signed_on = timezone.localtime(approved_at).date() if approved_at else None
    employee = _person(header.get("employee"), instansi.name)
    return {
        "labels": labels(),
        "instansi": (header.get("instansi") or instansi.name).upper(),
        "place": place_name(instansi),
        "form": snapshot.get("form") or plan.form,
        "is_jpt": (snapshot.get("form") or plan.form) == PlanForm.JPT,
        "qualitative": snapshot.get("approach") == "kualitatif",
        "year": plan.year.year,
        "period": f"{long_date(start)} s.d. {long_date(end)}".upper(),
        "version": snapshot.get("version") or plan.version,
        "approved": approved,
        "employee": employee,
        "rater": _person(header.get("rater"), instansi.name),
        "groups": groups,
        "behaviours": behaviours,
        "lampiran": {
            "support_resources": _lines(lampiran.get("support_resources", "")),
            "accountability_scheme": _lines(lampiran.get("accountability_scheme", "")),
            "consequences": _lines(lampiran.get("consequences", "")),
        },
        "signed_on": long_date(signed_on),
        "timestamp": stamp.isoformat(),
        "footer": f"SKP {plan.year.year} · {employee['name']} · NIP {employee['nip']}",
        "start": start.isoformat(),
    }


def document_filename(data: dict, ext: str) -> str:
    """SKP-<NIP>-20260101-v1.pdf (NIP, start of the plan, version) — ASCII only, safe in a Content-Disposition and a ZIP."""
    nip = "".join(ch for ch in data["employee"]["nip"] if ch.isdigit()) or "tanpa-nip"
    start = data["start"].replace("-", "")
    return f"SKP-{nip}-{start}-v{data['version']}.{ext}"
