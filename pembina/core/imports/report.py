"""The error report of an import: (row as the user sees it, column, Indonesian message), capped."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT_LIMIT = 500
_KEEP = 20_000  # a hopeless file should not eat the memory; the total is still counted


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the file as a whole
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ErrorReport:
    labels: dict[str, str] = field(default_factory=dict)  # column key → header text in the file
    limit: int = DEFAULT_LIMIT
    total: int = 0
    _errors: list[RowError] = field(default_factory=list)

    def add(self, row: int | None, column: str, message: str) -> None:
        """`column` is a column key of the spec (translated to the user's header) or a header text."""
        self.total += 1
        if len(self._errors) < _KEEP:
            self._errors.append(RowError(row, self.labels.get(column, column), str(message)))

    def __bool__(self) -> bool:
        return self.total > 0

    def __len__(self) -> int:
        return self.total

    @property
    def errors(self) -> list[RowError]:
        """The first `limit` errors in row order (whole-file errors first)."""
        ordered = sorted(self._errors, key=lambda e: (e.row or 0, e.row is not None))
        return ordered[: self.limit]

    @property
    def truncated(self) -> bool:
        return self.total > self.limit

    def as_list(self) -> list[dict[str, Any]]:
        return [e.as_dict() for e in self.errors]
