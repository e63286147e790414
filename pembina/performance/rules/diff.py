"""Compare two plan snapshots (the JSON kept for each approved SKP version).

A change is a dict: {"section", "key", "label", "change": added|removed|changed, "field",
"before", "after"}; ids keep items matched across versions even when their text changes.
"""

from __future__ import annotations

from typing import Any

HEADER_FIELDS = ("form", "approach", "start_date", "end_date")
LAMPIRAN_FIELDS = ("support_resources", "accountability_scheme", "consequences")
RESULT_FIELDS = ("kind", "statement", "perspective", "parent_result_id", "goal_id", "goal_indicator_id")
INDICATOR_FIELDS = (
    "aspect",
    "name",
    "target",
    "target_text",
    "unit",
    "direction",
    "aggregation",
    "data_source",
)


def _fields(section, key, label, before: dict, after: dict, fields) -> list[dict[str, Any]]:
    out = []
    for f in fields:
        if before.get(f) != after.get(f):
            out.append(
                {
                    "section": section,
                    "key": key,
                    "label": label,
                    "change": "changed",
                    "field": f,
                    "before": before.get(f),
                    "after": after.get(f),
                }
            )
    return out


def _items(section, before: list[dict], after: list[dict], fields, label_field, nested=None) -> list[dict]:
    out: list[dict] = []
    b = {item["id"]: item for item in before}
    a = {item["id"]: item for item in after}
    for key in list(b) + [k for k in a if k not in b]:
        old, new = b.get(key), a.get(key)
        label = (new or old).get(label_field, "")
        if old is None:
            out.append(
                {
                    "section": section,
                    "key": key,
                    "label": label,
                    "change": "added",
                    "field": None,
                    "before": None,
                    "after": new,
                }
            )
        elif new is None:
            out.append(
                {
                    "section": section,
                    "key": key,
                    "label": label,
                    "change": "removed",
                    "field": None,
                    "before": old,
                    "after": None,
                }
            )
        else:
            out.extend(_fields(section, key, label, old, new, fields))
            if nested:
                child_section, child_key, child_fields, child_label = nested
                out.extend(
                    _items(
                        child_section,
                        old.get(child_key, []),
                        new.get(child_key, []),
                        child_fields,
                        child_label,
                    )
                )
    return out


def snapshot_diff(before: dict, after: dict) -> list[dict[str, Any]]:
    """Every difference between two snapshots, header first, then results, indicators, behaviour."""
    changes = _fields("plan", "plan", "", before, after, HEADER_FIELDS)
    changes += _fields(
        "lampiran", "lampiran", "", before.get("lampiran", {}), after.get("lampiran", {}), LAMPIRAN_FIELDS
    )
    changes += _fields(
        "header",
        "header",
        "",
        _flat(before.get("header", {})),
        _flat(after.get("header", {})),
        sorted(set(_flat(before.get("header", {}))) | set(_flat(after.get("header", {})))),
    )
    changes += _items(
        "result",
        before.get("results", []),
        after.get("results", []),
        RESULT_FIELDS,
        "statement",
        nested=("indicator", "indicators", INDICATOR_FIELDS, "name"),
    )
    b = {x["value"]: x for x in before.get("behaviours", [])}
    a = {x["value"]: x for x in after.get("behaviours", [])}
    for code in sorted(set(b) | set(a)):
        changes += _fields("behaviour", code, code, b.get(code, {}), a.get(code, {}), ("expectation",))
    return changes


def _flat(header: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in header.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out
