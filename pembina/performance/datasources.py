"""Indicator data sources: other apps register providers that fill realisations automatically.

An indicator (IKU of an OPD or IKI of an employee) may declare `data_source = "<key>"` and
`data_source_params = {...}` instead of manual entry. A provider computes the realised value for a
period, set-based for many indicators at once:

    provider(requests: list[SourceRequest]) -> dict[request_key, SourceValue]

Providers are registered in the providing app's AppConfig.ready():

    from pembina.performance.datasources import register
    register("public_services.completion_p90_days", label=_("Persentil 90 hari penyelesaian"),
             unit="hari", direction="lower", provider=completion_p90)

The performance app never imports the providing app; the providing app imports only this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class SourceRequest:
    key: Any  # caller's key (e.g. the indicator id) to match results
    params: dict[str, Any]
    start: dt.date  # first day of the period, inclusive
    end: dt.date  # last day of the period, inclusive


@dataclass(frozen=True)
class SourceValue:
    value: Decimal | None  # None: no data for the period (e.g. below the minimum case count)
    cases: int = 0  # how many underlying cases the value rests on
    provenance: str = ""  # human-readable: where the number comes from, for the realisation's audit note


@dataclass(frozen=True)
class DataSource:
    key: str
    label: str
    unit: str
    direction: str  # "higher" or "lower" is better
    provider: Callable[[list[SourceRequest]], dict[Any, SourceValue]]
    params_help: str = ""
    param_names: tuple[str, ...] = field(default_factory=tuple)


_REGISTRY: dict[str, DataSource] = {}


def register(
    key: str,
    *,
    label: str,
    unit: str,
    direction: str,
    provider,
    params_help: str = "",
    param_names: tuple[str, ...] = (),
) -> None:
    if direction not in ("higher", "lower"):
        raise ValueError(direction)
    _REGISTRY[key] = DataSource(key, label, unit, direction, provider, params_help, tuple(param_names))


def get(key: str) -> DataSource | None:
    return _REGISTRY.get(key)


def choices() -> list[tuple[str, str]]:
    return sorted(((k, str(s.label)) for k, s in _REGISTRY.items()), key=lambda kv: kv[1])


def all_sources() -> list[DataSource]:
    return list(_REGISTRY.values())
