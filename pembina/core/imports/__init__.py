"""Spreadsheet imports, app-agnostic: readers, column specs, the all-or-nothing engine, the error report.

An app declares an `ImportSpec` per import kind (see `pembina.org.imports`) and calls `run_import`.
"""

from pembina.core.imports.engine import ImportResult, Preflight, preflight, run_import
from pembina.core.imports.readers import ImportFileError, check_file, open_table
from pembina.core.imports.report import ErrorReport, RowError
from pembina.core.imports.spec import Column, HeaderMap, ImportSpec, Plan, Row, RowProblems

__all__ = [
    "Column",
    "ErrorReport",
    "HeaderMap",
    "ImportFileError",
    "ImportResult",
    "ImportSpec",
    "Plan",
    "Preflight",
    "Row",
    "RowError",
    "RowProblems",
    "check_file",
    "open_table",
    "preflight",
    "run_import",
]
