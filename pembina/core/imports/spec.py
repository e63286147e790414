"""What an import kind declares: its columns, how a row is cleaned, and how the rows are written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from pembina.core.imports.report import ErrorReport
from pembina.core.imports.values import ValueProblem, normalize_key

IGNORED_PREFIX = "#"  # a column whose header starts with "#" is a note for people, never read


@dataclass(frozen=True)
class Column:
    key: str  # code name in cleaned rows
    label: str  # the header as written in the template, e.g. "TANGGAL LAHIR"
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: Any = ""  # Indonesian description (lazy text) shown on the page and in the docs
    example: str = ""

    def names(self) -> set[str]:
        return {normalize_key(self.label), normalize_key(self.key), *(normalize_key(a) for a in self.aliases)}


@dataclass
class HeaderMap:
    """Which file column holds which spec column."""

    indexes: dict[str, int] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    width: int = 0
    silent: tuple[int, ...] = ()  # columns without a header or marked "#": must stay empty / are ignored
    empty_only: tuple[int, ...] = ()  # columns without a header: any content there is an error

    def has(self, key: str) -> bool:
        return key in self.indexes


class RowProblems:
    """Collects the problems of one row; `value()` runs a parser and records its ValueProblem."""

    __slots__ = ("items",)

    def __init__(self) -> None:
        self.items: list[tuple[str, str]] = []

    def add(self, key: str, message: str) -> None:
        self.items.append((key, message))

    def value(self, key: str, parser: Callable[..., Any], raw: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return parser(raw, *args, **kwargs)
        except ValueProblem as exc:
            self.items.append((key, str(exc)))
            return None

    def __bool__(self) -> bool:
        return bool(self.items)


class Row:
    """A cleaned row: its number in the spreadsheet and its values by column key."""

    __slots__ = ("data", "number")

    def __init__(self, number: int, data: dict[str, Any]):
        self.number = number
        self.data = data

    def __repr__(self) -> str:
        return f"Row({self.number}, {self.data!r})"


@dataclass
class Plan:
    """What the write phase will do; the counts are reported to the user."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    payload: Any = None

    @property
    def has_writes(self) -> bool:
        return bool(self.created or self.updated)


class ImportSpec:
    """Subclass per import kind. `prepare` and `plan` run twice: once to build the report, once more
    inside the write transaction against fresh data, so a concurrent change cannot slip through."""

    kind: str = ""
    title: Any = ""
    columns: tuple[Column, ...] = ()

    def prepare(self, *, actor: Any) -> Any:
        """Load the lookup tables (one query each) the rows are checked against."""
        return None

    def clean_row(self, raw: dict[str, Any], problems: RowProblems, ctx: Any) -> dict[str, Any]:
        raise NotImplementedError

    def plan(self, rows: list[Row], ctx: Any, report: ErrorReport, header: HeaderMap) -> Plan:
        raise NotImplementedError

    def write(self, plan: Plan, ctx: Any, header: HeaderMap) -> None:
        raise NotImplementedError

    # --- header ---------------------------------------------------------------------------------

    def map_header(self, cells: list[str], row: int, report: ErrorReport) -> HeaderMap:
        lookup: dict[str, Column] = {}
        for column in self.columns:
            for name in column.names():
                lookup[name] = column
        header = HeaderMap(width=len(cells))
        silent, empty_only = [], []
        for index, cell in enumerate(cells):
            raw = str(cell or "").strip()
            if raw.startswith(IGNORED_PREFIX):
                silent.append(index)
                continue
            name = normalize_key(raw)
            if not name:
                silent.append(index)
                empty_only.append(index)
                continue
            column = lookup.get(name)
            if column is None:
                report.add(
                    row,
                    raw,
                    _(
                        "Kolom '%(col)s' tidak dikenal untuk impor %(kind)s. Periksa apakah berkasnya benar; "
                        "kolom catatan boleh diberi awalan #."
                    )
                    % {"col": raw, "kind": self.title},
                )
            elif column.key in header.indexes:
                report.add(
                    row,
                    raw,
                    _("Kolom '%(col)s' muncul dua kali (juga sebagai '%(other)s').")
                    % {"col": raw, "other": header.labels[column.key]},
                )
            else:
                header.indexes[column.key] = index
                header.labels[column.key] = raw
        for column in self.columns:
            if column.required and column.key not in header.indexes:
                report.add(
                    row,
                    column.label,
                    _("Kolom wajib '%(col)s' tidak ada pada baris judul.") % {"col": column.label},
                )
        header.silent = tuple(silent)
        header.empty_only = tuple(empty_only)
        report.labels.update(header.labels)
        for column in self.columns:
            report.labels.setdefault(column.key, column.label)
        return header

    def template_headers(self) -> list[str]:
        return [c.label for c in self.columns]
