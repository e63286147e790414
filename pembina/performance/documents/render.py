"""Render an SKP document dict to PDF (typst, vendored fonts only) or XLSX (openpyxl)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pembina.core.documents import PDF_CONTENT_TYPE, TypstTemplate  # noqa: F401  (re-exported)
from pembina.core.exports import neutralise

HERE = Path(__file__).resolve().parent
SKP_TEMPLATE = TypstTemplate(HERE / "templates" / "skp.typ")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_pdf(data: dict, *, fmt: str = "pdf", ppi: float | None = None) -> bytes | list[bytes]:
    """The SKP as PDF bytes (or PNG pages for previews). The document's timestamp is the approval time,
    so the same plan gives the same bytes."""
    return SKP_TEMPLATE.render(data, timestamp=dt.datetime.fromisoformat(data["timestamp"]), fmt=fmt, ppi=ppi)


# --- XLSX ------------------------------------------------------------------------------------------


def _text(value) -> str:
    return neutralise("" if value is None else str(value))


def render_xlsx(data: dict) -> bytes:
    """The same content as the PDF in two sheets (SKP, Lampiran), formula-safe and print-ready."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    L = data["labels"]
    wb = Workbook()
    ws = wb.active
    ws.title = L["sheet_skp"]
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    bold = Font(bold=True, name="Arial", size=9)
    normal = Font(name="Arial", size=9)
    head_fill = PatternFill("solid", fgColor="DBE5F1")
    group_fill = PatternFill("solid", fgColor="F2F2F2")
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(wrap_text=True, vertical="center", horizontal="center")
    widths = [5, 34, 34, 12, 34, 16]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w

    def put(sheet, row, col, value, *, font=normal, fill=None, align=wrap, boxed=True, span=1):
        cell = sheet.cell(row=row, column=col, value=_text(value) if isinstance(value, str) else value)
        cell.font = font
        cell.alignment = align
        if fill is not None:
            cell.fill = fill
        if span > 1:
            sheet.merge_cells(start_row=row, start_column=col, end_row=row, end_column=col + span - 1)
        if boxed:
            for c in range(col, col + span):
                sheet.cell(row=row, column=c).border = border
        return cell

    def title(sheet, row, text) -> int:
        lines = [
            text,
            L["approach_qualitative"] if data["qualitative"] else L["approach_quantitative"],
            L["for_jpt"] if data["is_jpt"] else L["for_non_jpt"],
        ]
        for n, line in enumerate(lines):
            put(
                sheet,
                row + n,
                1,
                line,
                font=Font(bold=True, name="Arial", size=11 if n == 0 else 9),
                align=Alignment(horizontal="center"),
                boxed=False,
                span=6,
            )
        row += len(lines) + 1
        put(sheet, row, 1, data["instansi"], font=bold, boxed=False, span=3)
        put(
            sheet,
            row,
            4,
            f"{L['period']}: {data['period']}",
            font=bold,
            boxed=False,
            span=3,
            align=Alignment(horizontal="right"),
        )
        row += 1
        if not data["approved"]:
            put(
                sheet,
                row,
                1,
                f"{L['draft_note']} ({L['version']} {data['version']})",
                font=Font(italic=True, name="Arial", size=9, color="9C2B23"),
                boxed=False,
                span=6,
            )
            row += 1
        return row + 1

    # header and people
    row = title(ws, 1, L["title"])
    put(ws, row, 1, L["no"], font=bold, fill=head_fill, align=center)
    put(ws, row, 2, L["employee"], font=bold, fill=head_fill, align=center)
    put(ws, row, 3, "", fill=head_fill)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
    put(ws, row, 4, L["no"], font=bold, fill=head_fill, align=center)
    put(ws, row, 5, L["rater"], font=bold, fill=head_fill, align=center, span=2)
    row += 1
    fields = [
        ("name", L["name"]),
        ("nip", L["nip"]),
        ("rank", L["rank"]),
        ("position", L["position"]),
        ("unit", L["unit"]),
    ]
    for n, (key, label) in enumerate(fields, start=1):
        put(ws, row, 1, n, align=center)
        put(ws, row, 2, label)
        put(ws, row, 3, data["employee"][key])
        put(ws, row, 4, n, align=center)
        put(ws, row, 5, label)
        put(ws, row, 6, data["rater"][key])
        row += 1

    # hasil kerja
    row += 1
    put(ws, row, 1, L["results"], font=bold, boxed=False, span=6)
    row += 1
    heads = [
        L["no"],
        L["intervened_jpt"] if data["is_jpt"] else L["intervened"],
        L["result"],
        L["aspect"],
        L["indicator"],
        L["target"],
    ]
    for col, text in enumerate(heads, start=1):
        put(ws, row, col, text, font=bold, fill=head_fill, align=center)
    row += 1
    for col in range(1, 7):
        put(ws, row, col, f"({col})", fill=head_fill, align=center)
    row += 1
    for group in data["groups"]:
        put(ws, row, 1, L[group["key"]], font=bold, fill=group_fill, span=6)
        row += 1
        if not group["results"]:
            put(ws, row, 1, L["none"], font=Font(italic=True, name="Arial", size=9), span=6)
            row += 1
            continue
        for r in group["results"]:
            inds = r["indicators"] or [{"aspect": "–", "name": "–", "target": "–"}]
            statement = r["statement"]
            if r["perspective"]:
                statement = f"{statement}\n{L['perspective']}: {r['perspective']}"
            first = row
            for ind in inds:
                put(ws, row, 4, ind["aspect"])
                put(ws, row, 5, ind["name"])
                put(ws, row, 6, ind["target"])
                for col in (1, 2, 3):
                    ws.cell(row=row, column=col).border = border
                row += 1
            put(ws, first, 1, r["no"], align=Alignment(vertical="top", horizontal="center"))
            put(ws, first, 2, r["parent"])
            put(ws, first, 3, statement)
            if len(inds) > 1:
                for col in (1, 2, 3):
                    ws.merge_cells(start_row=first, start_column=col, end_row=row - 1, end_column=col)

    # perilaku kerja
    row += 1
    put(ws, row, 1, L["behaviour"], font=bold, boxed=False, span=6)
    row += 1
    put(ws, row, 1, L["no"], font=bold, fill=head_fill, align=center)
    put(ws, row, 2, L["behaviour"], font=bold, fill=head_fill, align=center, span=3)
    put(ws, row, 5, L["expectation"], font=bold, fill=head_fill, align=center, span=2)
    row += 1
    for b in data["behaviours"]:
        guides = "\n".join(f"• {g}" for g in b["guides"])
        put(ws, row, 1, b["no"], align=Alignment(vertical="top", horizontal="center"))
        put(ws, row, 2, f"{b['name']}\n{guides}" if guides else b["name"], span=3)
        put(ws, row, 5, b["expectation"], span=2)
        ws.row_dimensions[row].height = 14 * (1 + len(b["guides"]))
        row += 1
    row = _signatures(ws, row + 1, data, put, bold)

    # lampiran
    ws2 = wb.create_sheet(L["sheet_lampiran"])
    for i, w in enumerate(widths, start=1):
        ws2.column_dimensions[get_column_letter(i)].width = w
    row = title(ws2, 1, L["lampiran"])
    for key in ("support_resources", "accountability_scheme", "consequences"):
        put(ws2, row, 1, L[key], font=bold, fill=head_fill, span=6)
        row += 1
        lines = data["lampiran"][key]
        if not lines:
            put(ws2, row, 1, L["none"], font=Font(italic=True, name="Arial", size=9), span=6)
            row += 1
        for n, line in enumerate(lines, start=1):
            put(
                ws2, row, 1, n if len(lines) > 1 else "", align=Alignment(vertical="top", horizontal="center")
            )
            put(ws2, row, 2, line, span=5)
            row += 1
        row += 1
    _signatures(ws2, row, data, put, bold)

    for sheet in (ws, ws2):
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.oddFooter.right.text = f"{L['page']} &P {L['of']} &N"
        sheet.oddFooter.left.text = _text(data["footer"]).replace("&", "&&")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _signatures(ws, row, data, put, bold) -> int:
    from openpyxl.styles import Alignment

    L = data["labels"]
    middle = Alignment(horizontal="center")
    date_line = (
        f"{data['place']}, {data['signed_on']}"
        if data["signed_on"]
        else f"{data['place']}, ......................... {data['year']}"
    )
    put(ws, row, 4, date_line, align=middle, boxed=False, span=3)
    row += 1
    put(ws, row, 1, L["signer_employee"], align=middle, boxed=False, span=3)
    put(ws, row, 4, L["signer_rater"], align=middle, boxed=False, span=3)
    row += 4
    put(ws, row, 1, data["employee"]["name"], font=bold, align=middle, boxed=False, span=3)
    put(ws, row, 4, data["rater"]["name"], font=bold, align=middle, boxed=False, span=3)
    row += 1
    put(ws, row, 1, f"{L['nip']} {data['employee']['nip']}", align=middle, boxed=False, span=3)
    put(ws, row, 4, f"{L['nip']} {data['rater']['nip']}", align=middle, boxed=False, span=3)
    return row + 1
