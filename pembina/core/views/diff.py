"""Turns audit entries into readable rows: field labels from verbose names, choice labels, FK names.

Names of related objects are fetched in one query per related model for the whole page, so a
history of any length costs the same number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import formats
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _

EMPTY = "—"


@dataclass
class FieldChange:
    name: str
    label: str
    before: str
    after: str


@dataclass
class EntryView:
    entry: Any
    model_label: str
    changes: list[FieldChange] = field(default_factory=list)


def model_for(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def model_label(object_type: str) -> str:
    model = model_for(object_type)
    return str(capfirst(model._meta.verbose_name)) if model else object_type


def _fields_by_attname(model: type[models.Model] | None) -> dict[str, models.Field]:
    if model is None:
        return {}
    return {f.attname: f for f in model._meta.concrete_fields}


def field_label(f: models.Field) -> str:
    """The field's verbose name; for a relation left unnamed, the related model's verbose name."""
    implicit = str(f.verbose_name) == f.name.replace("_", " ")
    if implicit and f.is_relation and f.related_model is not None:
        return str(capfirst(f.related_model._meta.verbose_name))
    return str(capfirst(f.verbose_name))


def _related_names(wanted: dict[type[models.Model], set]) -> dict[type[models.Model], dict[str, str]]:
    names: dict[type[models.Model], dict[str, str]] = {}
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model, ids in wanted.items():
        ids = {i for i in ids if i not in (None, "")}
        if not ids:
            continue
        manager = model._base_manager
        if model is user_model:  # str(User) reads the employee: use the username instead
            rows = manager.filter(pk__in=ids).values_list("pk", "username")
            names[model] = {str(pk): name for pk, name in rows}
        else:
            names[model] = {str(pk): str(obj) for pk, obj in manager.in_bulk(ids).items()}
    return names


def format_value(f: models.Field | None, value: Any, names: dict[type[models.Model], dict[str, str]]) -> str:
    if value is None or value == "":
        return EMPTY
    if f is None:
        return str(value)
    if f.is_relation and (f.many_to_one or f.one_to_one):
        name = names.get(f.related_model, {}).get(str(value))
        return f"{name} (#{value})" if name else f"#{value}"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("Ya") if value else _("Tidak")
    if isinstance(f, models.DateTimeField) and isinstance(value, str):
        parsed = parse_datetime(value)
        return formats.date_format(parsed, "d-m-Y H:i") if parsed else value
    if isinstance(f, models.DateField) and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
        except ValueError:
            return value
    return str(value)


def describe_entries(entries: Iterable[Any]) -> list[EntryView]:
    """EntryView per entry, with one FieldChange per field that differs (all set fields on create)."""
    entries = list(entries)
    wanted: dict[type[models.Model], set] = defaultdict(set)
    prepared = []
    for entry in entries:
        model = model_for(entry.object_type)
        by_attname = _fields_by_attname(model)
        before, after = entry.before or {}, entry.after or {}
        keys = [k for k in by_attname if k in before or k in after]
        keys += sorted(k for k in set(before) | set(after) if k not in by_attname)
        keys = [k for k in keys if before.get(k) != after.get(k)]
        for k in keys:
            f = by_attname.get(k)
            if f is not None and f.is_relation and f.related_model is not None:
                wanted[f.related_model].update(v for v in (before.get(k), after.get(k)) if v is not None)
        prepared.append((entry, by_attname, keys))
    names = _related_names(wanted)
    result = []
    for entry, by_attname, keys in prepared:
        before, after = entry.before or {}, entry.after or {}
        view = EntryView(entry=entry, model_label=model_label(entry.object_type))
        for k in keys:
            f = by_attname.get(k)
            label = field_label(f) if f is not None else k
            view.changes.append(
                FieldChange(
                    name=k,
                    label=label,
                    before=format_value(f, before.get(k), names),
                    after=format_value(f, after.get(k), names),
                )
            )
        result.append(view)
    return result
