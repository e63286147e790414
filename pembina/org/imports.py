"""Spreadsheet imports of the org app: units, positions and employees (close to a SIASN export).

Rows are validated first with the pure rules (`rules/nip.py`, `rules/ranks.py`) and against lookup
tables loaded once; then written set-based in one transaction (bulk inserts and updates, paths and
current placements computed in Python), with one audit entry per created or changed row. Upserts are
keyed by unit code, position code and NIP; re-importing the same file writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pembina.core.audit.context import suppressed
from pembina.core.audit.recorder import Change, changes_for_created, record
from pembina.core.exceptions import ApplicationError
from pembina.core.imports import Column, HeaderMap, ImportSpec, Plan, Row, RowProblems
from pembina.core.imports.bulk import NewRows
from pembina.core.imports.context import ImportContext, admin_context, can_import
from pembina.core.imports.entry import ImportCatalogue
from pembina.core.imports.report import ErrorReport
from pembina.core.imports.values import (
    ValueProblem,
    choice_lookup,
    is_blank,
    normalize_key,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
    text,
)
from pembina.core.scoping import get_scope
from pembina.org.choices import (
    MANAGERIAL_TYPES,
    AsnStatus,
    AssignmentKind,
    AssignmentReason,
    JobLevel,
    JobType,
    UnitKind,
)
from pembina.org.models import Assignment, Employee, Instansi, Position, Unit
from pembina.org.rules import nip as nip_rules
from pembina.org.rules import ranks

BATCH = 2000  # rows per INSERT/UPDATE: under SQLite's and PostgreSQL's bound-parameter limits
LOOKUP_CHUNK = 2000


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else "—"


def _rows_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (" …" if len(numbers) > 10 else "")


def _chunks(items: list, size: int = LOOKUP_CHUNK):
    for i in range(0, len(items), size):
        yield items[i : i + size]


# --- who imports into which instansi ----------------------------------------------------------


def _context(actor) -> ImportContext:
    scope = get_scope(actor)
    if not can_import(actor):
        raise ApplicationError(_("Anda tidak berwenang mengimpor data kepegawaian."))
    instansi_id = scope.instansi_id
    if instansi_id is None:
        code = getattr(settings, "PEMBINA_INSTANSI_CODE", "")
        ids = list(
            (Instansi.objects.filter(code=code) if code else Instansi.objects.all()).values_list(
                "pk", flat=True
            )[:2]
        )
        if len(ids) != 1:
            raise ApplicationError(
                _("Akun Anda belum terhubung dengan instansi; impor tidak dapat dilakukan.")
            )
        instansi_id = ids[0]
    return admin_context(
        actor, refusal=_("Anda tidak berwenang mengimpor data kepegawaian."), instansi_id=instansi_id
    )


def _duplicates(rows: list[Row], key: str, report: ErrorReport, message: str) -> set[str]:
    """Report every row of a key that occurs more than once; return those keys."""
    numbers: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        numbers[row.data[key]].append(row.number)
    dups = {k for k, ns in numbers.items() if len(ns) > 1}
    for k in dups:
        ns = numbers[k]
        for n in ns:
            report.add(n, key, message % {"v": k, "rows": _rows_list(ns)})
    return dups


def _required_text(raw: dict, key: str, problems: RowProblems, limit: int, what: str) -> str:
    value = text(raw.get(key))
    if not value:
        problems.add(key, _("%(what)s wajib diisi.") % {"what": what})
    elif len(value) > limit:
        problems.add(
            key, _("Terlalu panjang (%(n)s karakter, paling banyak %(m)s).") % {"n": len(value), "m": limit}
        )
    return value


def _optional_text(raw: dict, key: str, problems: RowProblems, limit: int) -> str:
    value = text(raw.get(key))
    if len(value) > limit:
        problems.add(
            key, _("Terlalu panjang (%(n)s karakter, paling banyak %(m)s).") % {"n": len(value), "m": limit}
        )
    return value


def _code(raw: dict, key: str, problems: RowProblems, what: str, *, required: bool) -> str:
    value = text(raw.get(key))
    if not value:
        if required:
            problems.add(key, _("%(what)s wajib diisi.") % {"what": what})
        return ""
    if len(value) > 40:
        problems.add(key, _("%(what)s paling banyak 40 karakter.") % {"what": what})
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _bulk_update_grouped(model, updates: list[tuple[Any, dict[str, Any]]], now) -> None:
    """`updates`: (object with pk set, {attname: value}); rows changing the same fields share one
    bulk_update. Through the audited queryset unless the caller suppressed it to record itself."""
    names = {f.attname: f.name for f in model._meta.concrete_fields}
    groups: dict[tuple[str, ...], list] = defaultdict(list)
    for obj, changes in updates:
        for attname, value in changes.items():
            setattr(obj, attname, value)
        obj.updated_at = now
        groups[tuple(sorted(changes))].append(obj)
    for attnames, objs in groups.items():
        model.objects.bulk_update(objs, [*(names[a] for a in attnames), "updated_at"], batch_size=BATCH)


# --- units ------------------------------------------------------------------------------------

UNIT_KINDS = choice_lookup(UnitKind.choices)


@dataclass
class _NewUnit:
    row: Row
    code: str
    parent_db: dict | None
    parent_new: _NewUnit | None
    is_opd: bool
    generation: int
    obj: Unit | None = None


class UnitImport(ImportSpec):
    kind = "units"
    title = gettext_lazy("unit kerja")
    columns = (
        Column(
            "code",
            "KODE UNIT",
            required=True,
            aliases=("kode", "kode unit kerja"),
            help=gettext_lazy(
                "Kode unik unit di instansi; kunci pembaruan (unit dengan kode sama diperbarui)."
            ),
            example="DINKES",
        ),
        Column(
            "name",
            "NAMA UNIT",
            required=True,
            aliases=("nama", "nama unit kerja", "unit kerja"),
            help=gettext_lazy("Nama lengkap unit, paling banyak 200 karakter."),
            example="Dinas Kesehatan",
        ),
        Column(
            "kind",
            "JENIS UNIT",
            required=True,
            aliases=("jenis",),
            help=gettext_lazy("Jenis unit: %(kinds)s.")
            % {"kinds": ", ".join(str(label) for _v, label in UnitKind.choices)},
            example="Dinas",
        ),
        Column(
            "parent_code",
            "KODE INDUK",
            aliases=("kode unit induk", "induk"),
            help=gettext_lazy(
                "Kode unit induk: unit yang sudah ada, atau unit yang ditulis pada baris sebelumnya di berkas "
                "yang sama. Kosong untuk unit tingkat teratas (hanya Admin BKPSDM)."
            ),
            example="PEMDA",
        ),
        Column(
            "short_name",
            "SINGKATAN",
            aliases=("nama singkat",),
            help=gettext_lazy("Nama singkat, paling banyak 60 karakter."),
            example="Dinkes",
        ),
        Column(
            "is_opd",
            "OPD",
            aliases=("perangkat daerah", "is opd"),
            help=gettext_lazy(
                "ya/tidak: unit adalah perangkat daerah. Bila kosong: ya untuk unit teratas dan anak langsungnya."
            ),
            example="ya",
        ),
    )

    def prepare(self, *, actor) -> ImportContext:
        ctx = _context(actor)
        units = list(
            Unit.objects.filter(instansi_id=ctx.instansi_id).values(
                "pk", "code", "name", "kind", "short_name", "parent_id", "is_opd", "path", "opd_id"
            )
        )
        ctx.lookups["by_code"] = {u["code"]: u for u in units}
        ctx.lookups["by_pk"] = {u["pk"]: u for u in units}
        return ctx

    def clean_row(self, raw: dict[str, Any], problems: RowProblems, ctx: ImportContext) -> dict[str, Any]:
        data = {
            "code": _code(raw, "code", problems, _("Kode unit"), required=True),
            "name": _required_text(raw, "name", problems, 200, _("Nama unit")),
            "parent_code": _code(raw, "parent_code", problems, _("Kode induk"), required=False),
            "short_name": _optional_text(raw, "short_name", problems, 60),
            "is_opd": problems.value("is_opd", parse_bool, raw.get("is_opd")),
        }
        if is_blank(raw.get("kind")):
            problems.add("kind", _("Jenis unit wajib diisi."))
        else:
            data["kind"] = problems.value(
                "kind", parse_choice, raw.get("kind"), UNIT_KINDS, what=_("Jenis unit")
            )
        return data

    def plan(self, rows: list[Row], ctx: ImportContext, report: ErrorReport, header: HeaderMap) -> Plan:
        by_code, by_pk = ctx.lookups["by_code"], ctx.lookups["by_pk"]
        dups = _duplicates(
            rows, "code", report, _("Kode unit %(v)s muncul lebih dari sekali dalam berkas (baris %(rows)s).")
        )
        first_row = {}
        for row in rows:
            first_row.setdefault(row.data["code"], row.number)
        new: dict[str, _NewUnit] = {}
        updates: list[tuple[dict, dict]] = []
        unchanged = 0
        for row in rows:
            d = row.data
            code = d["code"]
            if code in dups:
                continue
            parent_code = d["parent_code"]
            parent_db = parent_new = None
            if parent_code:
                if parent_code == code:
                    report.add(
                        row.number, "parent_code", _("Unit tidak boleh menjadi induk dirinya sendiri.")
                    )
                    continue
                if parent_code in new:
                    parent_new = new[parent_code]
                elif parent_code in by_code:
                    parent_db = by_code[parent_code]
                elif parent_code in first_row:
                    report.add(
                        row.number,
                        "parent_code",
                        _(
                            "Unit induk %(c)s baru ditulis pada baris %(n)s; letakkan unit induk sebelum unit bawahannya."
                        )
                        % {"c": parent_code, "n": first_row[parent_code]},
                    )
                    continue
                else:
                    report.add(
                        row.number,
                        "parent_code",
                        _("Kode induk '%(c)s' tidak ditemukan.") % {"c": parent_code},
                    )
                    continue
            existing = by_code.get(code)
            if existing is not None:
                if not ctx.can_change_path(existing["path"]):
                    report.add(row.number, "code", _("Unit %(c)s berada di luar cakupan Anda.") % {"c": code})
                    continue
                if header.has("parent_code"):
                    current_parent = by_pk.get(existing["parent_id"])
                    current_code = current_parent["code"] if current_parent else ""
                    if parent_code != current_code:
                        report.add(
                            row.number,
                            "parent_code",
                            _(
                                "Unit %(c)s sudah ada di bawah %(p)s; memindah unit tidak dilakukan lewat impor "
                                "(gunakan menu pindah unit)."
                            )
                            % {"c": code, "p": current_code or _("tingkat teratas")},
                        )
                        continue
                if d["is_opd"] is not None and d["is_opd"] != existing["is_opd"]:
                    report.add(
                        row.number, "is_opd", _("Status OPD unit yang sudah ada tidak diubah lewat impor.")
                    )
                    continue
                changes = {
                    f: d[f] for f in ("name", "kind", "short_name") if header.has(f) and d[f] != existing[f]
                }
                if changes:
                    updates.append((existing, changes))
                else:
                    unchanged += 1
                continue
            if parent_db is None and parent_new is None:
                if not ctx.write_all:
                    report.add(
                        row.number,
                        "parent_code",
                        _("Hanya Admin BKPSDM yang dapat membuat unit tingkat teratas; isi KODE INDUK."),
                    )
                    continue
            elif parent_db is not None and not ctx.can_change_path(parent_db["path"]):
                report.add(
                    row.number,
                    "parent_code",
                    _("Unit induk %(c)s berada di luar cakupan Anda.") % {"c": parent_code},
                )
                continue
            if d["is_opd"] is not None:
                is_opd = d["is_opd"]
            elif parent_db is not None:
                is_opd = parent_db["parent_id"] is None
            elif parent_new is not None:
                is_opd = parent_new.parent_db is None and parent_new.parent_new is None
            else:
                is_opd = True
            generation = parent_new.generation + 1 if parent_new is not None else 0
            new[code] = _NewUnit(row, code, parent_db, parent_new, is_opd, generation)
        return Plan(created=len(new), updated=len(updates), unchanged=unchanged, payload=(new, updates))

    def write(self, plan: Plan, ctx: ImportContext, header: HeaderMap) -> None:
        new, updates = plan.payload
        ordered = list(new.values())  # parents come before children
        with suppressed():
            for generation in sorted({n.generation for n in ordered}):
                objs = []
                for n in ordered:
                    if n.generation != generation:
                        continue
                    d = n.row.data
                    parent_id = (
                        n.parent_db["pk"] if n.parent_db else (n.parent_new.obj.pk if n.parent_new else None)
                    )
                    n.obj = Unit(
                        instansi_id=ctx.instansi_id,
                        parent_id=parent_id,
                        code=d["code"],
                        name=d["name"],
                        kind=d["kind"],
                        short_name=d["short_name"],
                        is_opd=n.is_opd,
                    )
                    objs.append(n.obj)
                Unit.objects.bulk_create(objs, batch_size=BATCH)
            for n in ordered:  # the same path/depth/opd that unit_create computes, for all at once
                u = n.obj
                if n.parent_db:
                    parent_path = n.parent_db["path"]
                    parent_opd = n.parent_db["pk"] if n.parent_db["is_opd"] else n.parent_db["opd_id"]
                elif n.parent_new:
                    parent_path = n.parent_new.obj.path
                    parent_opd = n.parent_new.obj.pk if n.parent_new.obj.is_opd else n.parent_new.obj.opd_id
                else:
                    parent_path, parent_opd = "", None
                u.path = parent_path + Unit.path_segment(u.pk)
                u.depth = u.path.count("/") - 1
                u.opd_id = u.pk if u.is_opd else parent_opd
            Unit.objects.bulk_update([n.obj for n in ordered], ["path", "depth", "opd"], batch_size=BATCH)
        record(changes_for_created([n.obj for n in ordered]))
        # Updates go through the audited queryset, which records the before/after of each row.
        _bulk_update_grouped(
            Unit, [(Unit(pk=ex["pk"], name=ex["name"]), ch) for ex, ch in updates], timezone.now()
        )


# --- positions --------------------------------------------------------------------------------

JOB_TYPES = choice_lookup(JobType.choices)
JOB_LEVELS = choice_lookup(JobLevel.choices)
POSITION_FIELDS = ("name", "job_type", "level", "job_class", "is_head")


class PositionImport(ImportSpec):
    kind = "positions"
    title = gettext_lazy("jabatan")
    columns = (
        Column(
            "code",
            "KODE JABATAN",
            required=True,
            aliases=("kode", "kode jab"),
            help=gettext_lazy("Kode unik jabatan di instansi; kunci pembaruan."),
            example="DINKES-KADIS",
        ),
        Column(
            "name",
            "NAMA JABATAN",
            required=True,
            aliases=("nama", "jabatan"),
            help=gettext_lazy("Nama jabatan, paling banyak 200 karakter."),
            example="Kepala Dinas Kesehatan",
        ),
        Column(
            "job_type",
            "JENIS JABATAN",
            required=True,
            aliases=("jenis",),
            help=gettext_lazy("Jenis jabatan: %(v)s.")
            % {"v": ", ".join(str(lbl) for _v, lbl in JobType.choices)},
            example="JPT Pratama",
        ),
        Column(
            "level",
            "JENJANG",
            aliases=("jenjang jabatan",),
            help=gettext_lazy("Wajib untuk jabatan fungsional: %(v)s.")
            % {"v": ", ".join(str(lbl) for _v, lbl in JobLevel.choices)},
            example="Ahli Pertama",
        ),
        Column(
            "unit_code",
            "KODE UNIT",
            required=True,
            aliases=("kode unit kerja", "unit"),
            help=gettext_lazy("Kode unit tempat jabatan berada (harus sudah ada)."),
            example="DINKES",
        ),
        Column(
            "is_head",
            "KEPALA UNIT",
            aliases=("kepala",),
            help=gettext_lazy(
                "ya/tidak: jabatan ini memimpin unitnya (satu per unit, hanya jabatan manajerial)."
            ),
            example="ya",
        ),
        Column(
            "job_class",
            "KELAS JABATAN",
            aliases=("kelas",),
            help=gettext_lazy("Angka 1–17."),
            example="14",
        ),
    )

    def prepare(self, *, actor) -> ImportContext:
        ctx = _context(actor)
        units = Unit.objects.filter(instansi_id=ctx.instansi_id).values_list("code", "pk", "path")
        ctx.lookups["units"] = {code: (pk, path) for code, pk, path in units}
        positions = Position.objects.filter(instansi_id=ctx.instansi_id).values(
            "pk", "code", "unit_id", "unit__code", "unit__path", *POSITION_FIELDS
        )
        ctx.lookups["positions"] = {p["code"]: p for p in positions}
        return ctx

    def clean_row(self, raw: dict[str, Any], problems: RowProblems, ctx: ImportContext) -> dict[str, Any]:
        data = {
            "code": _code(raw, "code", problems, _("Kode jabatan"), required=True),
            "name": _required_text(raw, "name", problems, 200, _("Nama jabatan")),
            "unit_code": _code(raw, "unit_code", problems, _("Kode unit"), required=True),
            "level": problems.value("level", parse_choice, raw.get("level"), JOB_LEVELS, what=_("Jenjang"))
            or "",
            "is_head": problems.value("is_head", parse_bool, raw.get("is_head"), default=False),
            "job_class": problems.value("job_class", parse_int, raw.get("job_class"), minimum=1, maximum=17),
        }
        if is_blank(raw.get("job_type")):
            problems.add("job_type", _("Jenis jabatan wajib diisi."))
            return data
        job_type = problems.value(
            "job_type", parse_choice, raw.get("job_type"), JOB_TYPES, what=_("Jenis jabatan")
        )
        data["job_type"] = job_type
        return data

    def plan(self, rows: list[Row], ctx: ImportContext, report: ErrorReport, header: HeaderMap) -> Plan:
        units, positions = ctx.lookups["units"], ctx.lookups["positions"]
        dups = _duplicates(
            rows,
            "code",
            report,
            _("Kode jabatan %(v)s muncul lebih dari sekali dalam berkas (baris %(rows)s)."),
        )
        heads: dict[int, dict[str, int | None]] = defaultdict(dict)  # unit → head position code → file row
        for p in positions.values():
            if p["is_head"]:
                heads[p["unit_id"]][p["code"]] = None
        new, updates, unchanged = [], [], 0
        for row in rows:
            d = row.data
            code = d["code"]
            if code in dups:
                continue
            unit = units.get(d["unit_code"])
            if unit is None:
                report.add(
                    row.number, "unit_code", _("Kode unit '%(c)s' tidak ditemukan.") % {"c": d["unit_code"]}
                )
                continue
            unit_id, unit_path = unit
            if not ctx.can_change_path(unit_path):
                report.add(
                    row.number,
                    "unit_code",
                    _("Unit %(c)s berada di luar cakupan Anda.") % {"c": d["unit_code"]},
                )
                continue
            existing = positions.get(code)
            # The rules of Position.clean, on the values the row will leave (a column left out keeps
            # the stored value).
            level = d["level"] if header.has("level") or existing is None else existing["level"]
            is_head = d["is_head"] if header.has("is_head") or existing is None else existing["is_head"]
            if d["job_type"] == JobType.FUNGSIONAL and not level:
                report.add(row.number, "level", _("Jabatan fungsional wajib mempunyai jenjang."))
                continue
            if is_head and d["job_type"] not in MANAGERIAL_TYPES:
                report.add(
                    row.number,
                    "is_head",
                    _("Kepala unit harus jabatan manajerial (JPT, administrator, pengawas)."),
                )
                continue
            if existing is not None:
                if existing["unit_id"] != unit_id:
                    report.add(
                        row.number,
                        "unit_code",
                        _(
                            "Jabatan %(c)s sudah ada di unit %(u)s; memindah jabatan tidak dilakukan lewat impor."
                        )
                        % {"c": code, "u": existing["unit__code"]},
                    )
                    continue
                changes = {f: d[f] for f in POSITION_FIELDS if header.has(f) and d[f] != existing[f]}
                if header.has("is_head"):
                    if d["is_head"]:
                        heads[unit_id][code] = row.number
                    else:
                        heads[unit_id].pop(code, None)
                if changes:
                    updates.append((existing, changes))
                else:
                    unchanged += 1
            else:
                if d["is_head"]:
                    heads[unit_id][code] = row.number
                new.append((row, unit_id))
        for holders in heads.values():
            if len(holders) > 1:
                codes = ", ".join(sorted(holders))
                for number in holders.values():
                    if number is not None:
                        report.add(
                            number,
                            "is_head",
                            _(
                                "Satu unit hanya boleh mempunyai satu jabatan kepala unit (di unit ini: %(c)s)."
                            )
                            % {"c": codes},
                        )
        return Plan(created=len(new), updated=len(updates), unchanged=unchanged, payload=(new, updates))

    def write(self, plan: Plan, ctx: ImportContext, header: HeaderMap) -> None:
        new, updates = plan.payload
        now = timezone.now()
        # A head moving from one position to another: release the old one first (one head per unit).
        releasing = [
            (Position(pk=ex["pk"], name=ex["name"]), ch) for ex, ch in updates if ch.get("is_head") is False
        ]
        others = [
            (Position(pk=ex["pk"], name=ex["name"]), ch)
            for ex, ch in updates
            if ch.get("is_head") is not False
        ]
        _bulk_update_grouped(Position, releasing, now)
        objs = [
            Position(
                instansi_id=ctx.instansi_id,
                unit_id=unit_id,
                code=row.data["code"],
                name=row.data["name"],
                job_type=row.data["job_type"],
                level=row.data["level"],
                job_class=row.data["job_class"],
                is_head=bool(row.data["is_head"]),
            )
            for row, unit_id in new
        ]
        Position.objects.bulk_create(objs, batch_size=BATCH)
        _bulk_update_grouped(Position, others, now)


# --- employees --------------------------------------------------------------------------------

GENDERS = {
    "l": "L",
    "laki laki": "L",
    "lakilaki": "L",
    "pria": "L",
    "m": "L",
    "male": "L",
    "1": "L",
    "p": "P",
    "perempuan": "P",
    "wanita": "P",
    "f": "P",
    "female": "P",
    "2": "P",
}
STATUSES = {
    "pns": AsnStatus.PNS,
    "p": AsnStatus.PNS,
    "cpns": AsnStatus.CPNS,
    "c": AsnStatus.CPNS,
    "pppk": AsnStatus.PPPK,
    "p3k": AsnStatus.PPPK,
    "ppppk": AsnStatus.PPPK,
}
# Employee fields an import may change on an existing employee (column key = model field name).
EMPLOYEE_FIELDS = (
    "nip_old",
    "name",
    "front_title",
    "back_title",
    "birth_place",
    "birth_date",
    "gender",
    "asn_status",
    "rank",
    "rank_since",
    "email",
    "phone",
)
TEXT_LIMITS = {"front_title": 40, "back_title": 60, "birth_place": 100, "phone": 30}


@dataclass
class _EmployeePlan:
    new: list = field(default_factory=list)  # (row, position dict | None)
    updates: list = field(default_factory=list)  # (existing dict, {field: value})
    moves: list = field(
        default_factory=list
    )  # (existing dict, position dict, start, decree, [(a_pk, end)], reason)
    placements: list = field(default_factory=list)  # (existing dict, position dict): current_* to refresh


class EmployeeImport(ImportSpec):
    kind = "employees"
    title = gettext_lazy("pegawai")
    columns = (
        Column(
            "nip",
            "NIP",
            required=True,
            aliases=("nip baru", "nip 18", "ni pppk", "nip ni pppk"),
            help=gettext_lazy(
                "NIP 18 digit (PNS/CPNS) atau NI PPPK; kunci pembaruan. Di Excel, format kolom ini sebagai Teks."
            ),
            example="198503142010011001",
        ),
        Column(
            "nip_old",
            "NIP LAMA",
            aliases=("nip 9",),
            help=gettext_lazy("NIP lama 9 digit (bila ada)."),
            example="010123456",
        ),
        Column(
            "name",
            "NAMA",
            required=True,
            aliases=("nama lengkap", "nama pegawai"),
            help=gettext_lazy("Nama tanpa gelar, paling banyak 150 karakter."),
            example="Budi Santoso",
        ),
        Column("front_title", "GELAR DEPAN", help=gettext_lazy("Mis. dr., Ir., Drs."), example="dr."),
        Column("back_title", "GELAR BELAKANG", help=gettext_lazy("Mis. S.Kom., M.Si."), example="M.Kes."),
        Column(
            "birth_place",
            "TEMPAT LAHIR",
            aliases=("tempat lahir nama",),
            help=gettext_lazy("Paling banyak 100 karakter."),
            example="Pontianak",
        ),
        Column(
            "birth_date",
            "TANGGAL LAHIR",
            required=True,
            aliases=("tgl lahir", "tanggal lahir pegawai"),
            help=gettext_lazy("Harus sama dengan 8 digit pertama NIP."),
            example="14-03-1985",
        ),
        Column(
            "gender",
            "JENIS KELAMIN",
            required=True,
            aliases=("jk", "kelamin"),
            help=gettext_lazy("L/P (Laki-laki/Perempuan); harus sama dengan digit ke-15 NIP."),
            example="L",
        ),
        Column(
            "asn_status",
            "STATUS ASN",
            required=True,
            aliases=("status pegawai", "status cpns pns", "jenis pegawai", "status"),
            help=gettext_lazy("PNS, CPNS atau PPPK."),
            example="PNS",
        ),
        Column(
            "rank",
            "GOLONGAN",
            aliases=("gol", "golongan ruang", "gol ruang", "gol akhir", "golongan akhir", "pangkat golongan"),
            help=gettext_lazy("PNS: I/a–IV/e (juga ditulis 'III a' atau '3a'); PPPK: I–XVII."),
            example="III/a",
        ),
        Column(
            "rank_since",
            "TMT GOLONGAN",
            aliases=("tmt gol", "tmt golongan akhir", "tmt pangkat"),
            help=gettext_lazy("Tanggal mulai golongan sekarang."),
            example="01-04-2019",
        ),
        Column(
            "position_code",
            "KODE JABATAN",
            aliases=("kode jab",),
            help=gettext_lazy(
                "Kode jabatan yang sudah ada. Pegawai baru ditempatkan di sini; pegawai lama dengan kode "
                "berbeda dimutasi. Wajib untuk pegawai baru bila diimpor oleh Admin OPD."
            ),
            example="DINKES-P2P-STAF",
        ),
        Column(
            "position_since",
            "TMT JABATAN",
            aliases=("tmt jab",),
            help=gettext_lazy("Mulai berlakunya jabatan; kosong = hari ini."),
            example="02-01-2024",
        ),
        Column(
            "decree_number",
            "NOMOR SK",
            aliases=("no sk", "nomor sk jabatan"),
            help=gettext_lazy("Nomor SK penempatan atau mutasi (dicatat pada riwayat jabatan)."),
            example="800/123/BKPSDM/2024",
        ),
        Column(
            "email",
            "EMAIL",
            aliases=("surel", "e mail", "alamat email"),
            help=gettext_lazy("Alamat surel yang sah."),
            example="budi@pontianak.go.id",
        ),
        Column(
            "phone",
            "NOMOR HP",
            aliases=("no hp", "hp", "nomor telepon", "no telp", "nomor handphone"),
            help=gettext_lazy(
                "Paling banyak 30 karakter; format kolom sebagai Teks agar angka 0 di depan tetap ada."
            ),
            example="081234567890",
        ),
    )

    def prepare(self, *, actor) -> ImportContext:
        ctx = _context(actor)
        positions = Position.objects.filter(instansi_id=ctx.instansi_id).values_list(
            "code", "pk", "unit_id", "is_active", "unit__path", "unit__opd_id", "name"
        )
        ctx.lookups["positions"] = {
            code: {"pk": pk, "unit_id": u, "is_active": a, "path": path, "opd_id": opd, "name": name}
            for code, pk, u, a, path, opd, name in positions
        }
        return ctx

    def clean_row(self, raw: dict[str, Any], problems: RowProblems, ctx: ImportContext) -> dict[str, Any]:
        # Hot path (100k rows): plain code, no per-field helper objects.
        data: dict[str, Any] = {}
        status_raw = raw.get("asn_status")
        status = STATUSES.get(normalize_key(text(status_raw)))
        if status is None:
            problems.add(
                "asn_status",
                _("Status ASN wajib diisi: PNS, CPNS atau PPPK.")
                if is_blank(status_raw)
                else _("Status ASN '%(v)s' tidak dikenal; gunakan PNS, CPNS atau PPPK.")
                % {"v": text(status_raw)},
            )
        data["asn_status"] = status
        nip_raw = raw.get("nip")
        info = None
        if isinstance(nip_raw, float):
            problems.add(
                "nip",
                _(
                    "NIP tersimpan sebagai angka sehingga digit terakhirnya hilang; format kolom NIP sebagai Teks."
                ),
            )
        else:
            kind = nip_rules.PPPK if status == AsnStatus.PPPK else nip_rules.PNS
            try:
                info = nip_rules.parse(text(nip_raw), kind=kind, today=ctx.today)
            except nip_rules.NipError as exc:
                problems.add("nip", str(exc))
        data["nip"] = info.nip if info else text(nip_raw)
        name = text(raw.get("name"))
        if not name:
            problems.add("name", _("Nama wajib diisi."))
        elif len(name) > 150:
            problems.add("name", _("Nama paling banyak 150 karakter."))
        data["name"] = name
        gender_raw = raw.get("gender")
        gender = GENDERS.get(normalize_key(text(gender_raw)))
        if gender is None:
            problems.add("gender", _("Jenis kelamin harus L atau P (Laki-laki/Perempuan)."))
        elif info is not None and gender != info.gender:
            problems.add("gender", _("Jenis kelamin tidak sesuai dengan digit ke-15 NIP."))
        data["gender"] = gender
        birth_raw = raw.get("birth_date")
        try:
            birth = parse_date(birth_raw)
        except ValueProblem as exc:
            problems.add("birth_date", str(exc))
        else:
            if birth is None:
                problems.add("birth_date", _("Tanggal lahir wajib diisi."))
            elif info is not None and birth != info.birth_date:
                problems.add(
                    "birth_date",
                    _("Tanggal lahir %(d)s tidak sesuai dengan NIP (%(n)s).")
                    % {"d": _fmt(birth), "n": _fmt(info.birth_date)},
                )
            data["birth_date"] = birth
        for key in ("front_title", "back_title", "birth_place"):
            if key in raw:
                value = text(raw[key])
                if len(value) > TEXT_LIMITS[key]:
                    problems.add(
                        key, _("Terlalu panjang (paling banyak %(m)s karakter).") % {"m": TEXT_LIMITS[key]}
                    )
                data[key] = value
        if "nip_old" in raw:
            value = text(raw["nip_old"]).replace(" ", "")
            if value and (not value.isdigit() or len(value) > 9):
                problems.add("nip_old", _("NIP lama harus berupa angka, paling banyak 9 digit."))
            data["nip_old"] = value
        if "rank" in raw:
            rank = ranks.normalize_rank(text(raw["rank"])) if not is_blank(raw["rank"]) else ""
            if rank and status is not None:
                valid = ranks.PPPK_CODES if status == AsnStatus.PPPK else ranks.PNS_CODES
                if rank not in valid:
                    problems.add(
                        "rank",
                        _("Golongan '%(r)s' tidak berlaku untuk %(s)s.")
                        % {"r": text(raw["rank"]), "s": AsnStatus(status).label},
                    )
            data["rank"] = rank
        for key in ("rank_since", "position_since"):
            if key in raw:
                data[key] = problems.value(key, parse_date, raw[key])
        if "position_code" in raw:
            code = text(raw["position_code"])
            if len(code) > 40:
                problems.add("position_code", _("Kode jabatan paling banyak 40 karakter."))
            data["position_code"] = code
        if "decree_number" in raw:
            value = text(raw["decree_number"])
            if len(value) > 100:
                problems.add("decree_number", _("Nomor SK paling banyak 100 karakter."))
            data["decree_number"] = value
        if "email" in raw:
            email = text(raw["email"])
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    problems.add("email", _("Alamat surel '%(v)s' tidak sah.") % {"v": email})
            data["email"] = email
        if "phone" in raw:
            phone = text(raw["phone"])
            if len(phone) > 30:
                problems.add("phone", _("Nomor HP paling banyak 30 karakter."))
            data["phone"] = phone
        return data

    def plan(self, rows: list[Row], ctx: ImportContext, report: ErrorReport, header: HeaderMap) -> Plan:
        positions = ctx.lookups["positions"]
        dups = _duplicates(
            rows, "nip", report, _("NIP %(v)s muncul lebih dari sekali dalam berkas (baris %(rows)s).")
        )
        existing = _existing_employees([r.data["nip"] for r in rows if r.data["nip"] not in dups])
        fields = [f for f in EMPLOYEE_FIELDS if f in header.indexes]
        plan = _EmployeePlan()
        unchanged = 0
        candidates = []  # (row, existing, position, changes): placement differs from the current one
        for row in rows:
            d = row.data
            nip = d["nip"]
            if nip in dups:
                continue
            position = None
            code = d.get("position_code")
            if code:
                position = positions.get(code)
                if position is None:
                    report.add(
                        row.number, "position_code", _("Kode jabatan '%(c)s' tidak ditemukan.") % {"c": code}
                    )
                    continue
                if not position["is_active"]:
                    report.add(row.number, "position_code", _("Jabatan %(c)s tidak aktif.") % {"c": code})
                    continue
                if not ctx.can_change_path(position["path"]):
                    report.add(
                        row.number,
                        "position_code",
                        _("Jabatan %(c)s berada di luar unit kerja Anda.") % {"c": code},
                    )
                    continue
            ex = existing.get(nip)
            if ex is None:
                if position is None and not ctx.write_all:
                    report.add(
                        row.number,
                        "position_code",
                        _("Pegawai baru wajib diberi KODE JABATAN pada unit kerja Anda."),
                    )
                    continue
                plan.new.append((row, position))
                continue
            if ex["instansi_id"] != ctx.instansi_id:
                report.add(row.number, "nip", _("NIP %(n)s sudah terdaftar pada instansi lain.") % {"n": nip})
                continue
            if not ctx.can_change_path(ex["current_unit_path"]):
                report.add(
                    row.number, "nip", _("Pegawai NIP %(n)s berada di luar unit kerja Anda.") % {"n": nip}
                )
                continue
            changes = {f: d[f] for f in fields if d[f] != ex[f]}
            if position is not None and position["pk"] != ex["current_position_id"]:
                candidates.append((row, ex, position, changes))
            elif changes:
                plan.updates.append((ex, changes))
            else:
                unchanged += 1
        unchanged += self._plan_moves(candidates, ctx, report, plan)
        updated = len({ex["pk"] for ex, _c in plan.updates} | {m[0]["pk"] for m in plan.moves})
        return Plan(created=len(plan.new), updated=updated, unchanged=unchanged, payload=plan)

    def _plan_moves(
        self, candidates: list, ctx: ImportContext, report: ErrorReport, plan: _EmployeePlan
    ) -> int:
        """Mutasi for employees whose KODE JABATAN differs from their current position; returns how
        many turn out unchanged (already moved with a future TMT)."""
        history: dict[int, list[tuple]] = defaultdict(list)
        ids = [ex["pk"] for _r, ex, _p, _c in candidates]
        for chunk in _chunks(ids):
            rows = (
                Assignment.objects.filter(employee_id__in=chunk, kind=AssignmentKind.DEFINITIVE)
                .order_by("start_date", "id")
                .values_list("employee_id", "pk", "position_id", "start_date", "end_date")
            )
            for employee_id, *rest in rows:
                history[employee_id].append(tuple(rest))
        unchanged = 0
        for row, ex, position, changes in candidates:
            past = history.get(ex["pk"], [])
            latest = past[-1] if past else None  # (pk, position_id, start_date, end_date)
            if latest is not None and latest[1] == position["pk"] and latest[3] is None:
                # Already moved with a TMT still ahead: the open assignment is this position.
                if changes:
                    plan.updates.append((ex, changes))
                else:
                    unchanged += 1
                continue
            start = row.data.get("position_since") or ctx.today
            if latest is not None and latest[2] >= start:
                report.add(
                    row.number,
                    "position_since",
                    _("TMT jabatan %(s)s harus sesudah TMT jabatan terakhir (%(l)s).")
                    % {"s": _fmt(start), "l": _fmt(latest[2])},
                )
                continue
            close = [a for a in past if a[3] is None or a[3] >= start]
            reason = AssignmentReason.TRANSFER if past else AssignmentReason.APPOINTMENT
            plan.moves.append((ex, position, start, row.data.get("decree_number", ""), close, reason))
            today = ctx.today
            active_today = any(s <= today and (e is None or e >= today) for _pk, _pos, s, e in past)
            # A TMT ahead leaves the current placement until that day (as services._sync_current does),
            # unless nothing holds the employee today.
            if start <= today or not active_today:
                changes = {
                    **changes,
                    "current_position_id": position["pk"],
                    "current_unit_id": position["unit_id"],
                    "current_opd_id": position["opd_id"],
                    "current_unit_path": position["path"],
                }
            if changes:
                plan.updates.append((ex, changes))
        return unchanged

    def write(self, plan: Plan, ctx: ImportContext, header: HeaderMap) -> None:
        p: _EmployeePlan = plan.payload
        now = timezone.now()
        today = ctx.today
        changes: list[Change] = []
        # Plain multi-row inserts (no model instance per row) with the audit recorder switched off;
        # the entries are recorded below, in the same transaction, from the values we hold.
        with suppressed():
            employees = NewRows(Employee, describe=_employee_repr)
            for row, position in p.new:
                d = row.data
                values = {
                    "instansi_id": ctx.instansi_id,
                    "nip": d["nip"],
                    "name": d["name"],
                    "gender": d["gender"],
                    "birth_date": d["birth_date"],
                    "asn_status": d["asn_status"],
                }
                for key in OPTIONAL_FIELDS:
                    if key in d:
                        values[key] = d[key]
                if position is not None:
                    values["current_position_id"] = position["pk"]
                    values["current_unit_id"] = position["unit_id"]
                    values["current_opd_id"] = position["opd_id"]
                    values["current_unit_path"] = position["path"]
                employees.add(values)
            employee_ids = employees.insert(now=now)
            changes.extend(employees.changes())

            updates = []
            for ex, ch in p.updates:
                updates.append((Employee(pk=ex["pk"]), ch))
                audited = {k: v for k, v in ch.items() if k != "current_unit_path"}
                changes.append(
                    Change(
                        "update",
                        Employee,
                        ex["pk"],
                        _employee_repr({**ex, **ch}),
                        {k: _jsonable(ex.get(k)) for k in audited},
                        {k: _jsonable(v) for k, v in audited.items()},
                    )
                )
            _bulk_update_grouped(Employee, updates, now)

            assignments = NewRows(Assignment, describe=_assignment_repr)
            for (row, position), employee_id in zip(p.new, employee_ids, strict=True):
                if position is not None:
                    assignments.add(
                        {
                            "employee_id": employee_id,
                            "position_id": position["pk"],
                            "unit_id": position["unit_id"],
                            "kind": AssignmentKind.DEFINITIVE.value,
                            "reason": AssignmentReason.APPOINTMENT.value,
                            "start_date": row.data.get("position_since") or today,
                            "decree_number": row.data.get("decree_number", ""),
                        }
                    )
            closing = []
            for ex, position, start, decree, close, reason in p.moves:
                end = start - dt.timedelta(days=1)
                for a_pk, a_position_id, a_start, a_end in close:
                    closing.append((Assignment(pk=a_pk), {"end_date": end}))
                    changes.append(
                        Change(
                            "update",
                            Assignment,
                            a_pk,
                            _assignment_repr(
                                {"employee_id": ex["pk"], "position_id": a_position_id, "start_date": a_start}
                            ),
                            {"end_date": _jsonable(a_end)},
                            {"end_date": end.isoformat()},
                        )
                    )
                assignments.add(
                    {
                        "employee_id": ex["pk"],
                        "position_id": position["pk"],
                        "unit_id": position["unit_id"],
                        "kind": AssignmentKind.DEFINITIVE.value,
                        "reason": str(reason),
                        "start_date": start,
                        "decree_number": decree,
                    }
                )
            _bulk_update_grouped(Assignment, closing, now)
            assignments.insert(now=now)
            changes.extend(assignments.changes())
        record(changes)


OPTIONAL_FIELDS = (
    "nip_old",
    "front_title",
    "back_title",
    "birth_place",
    "rank",
    "rank_since",
    "email",
    "phone",
)


def _assignment_repr(values: dict) -> str:
    return f"{values['employee_id']} → {values['position_id']} ({values['start_date']})"


def _employee_repr(values: dict) -> str:
    name = values.get("name", "")
    if values.get("front_title"):
        name = f"{values['front_title']} {name}"
    if values.get("back_title"):
        name = f"{name}, {values['back_title']}"
    return f"{name} ({values.get('nip', '')})"


def _existing_employees(nips: list[str]) -> dict[str, dict]:
    fields = (
        "pk",
        "nip",
        "instansi_id",
        "current_unit_path",
        "current_position_id",
        "current_unit_id",
        "current_opd_id",
        *EMPLOYEE_FIELDS,
    )
    found: dict[str, dict] = {}
    unique = list(dict.fromkeys(nips))
    for chunk in _chunks(unique):
        for e in Employee.objects.filter(nip__in=chunk).values(*fields):
            found[e["nip"]] = e
    return found


# --- entry points -----------------------------------------------------------------------------

SPECS: dict[str, ImportSpec] = {
    spec.kind: spec for spec in (UnitImport(), PositionImport(), EmployeeImport())
}
KIND_CHOICES = [
    ("units", gettext_lazy("Unit kerja")),
    ("positions", gettext_lazy("Jabatan")),
    ("employees", gettext_lazy("Pegawai")),
]


CATALOGUE = ImportCatalogue(SPECS, job_handler="pembina.org.imports.run_import_job")
get_spec = CATALOGUE.get_spec
import_file = CATALOGUE.import_file  # the one import path: page, job, tests and benchmark
import_start = CATALOGUE.import_start
run_import_job = CATALOGUE.run_import_job


__all__ = [
    "KIND_CHOICES",
    "SPECS",
    "EmployeeImport",
    "PositionImport",
    "UnitImport",
    "can_import",
    "import_file",
    "import_start",
    "run_import_job",
]
