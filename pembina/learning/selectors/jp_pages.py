"""Reads behind the 20 JP dashboard pages: which OPDs the actor may open and
the below-target list with the pages' filters (all scoped; the figures come from `selectors.jp`)."""

from __future__ import annotations

from django.db.models import F, Q, QuerySet

from pembina.core.scoping import VIEW, get_scope
from pembina.learning.models import JpSummary
from pembina.learning.selectors.jp import jp_below_target
from pembina.org.models import Unit

# Bands of the shortfall a dashboard filters by: far = half the target or more missing.
BAND_ZERO, BAND_FAR, BAND_NEAR = "zero", "far", "near"
BANDS = (BAND_ZERO, BAND_FAR, BAND_NEAR)
LIST_FIELDS = (
    "employee_id",
    "opd_id",
    "year",
    "target",
    "jp_total",
    "shortfall",
    "employee__name",
    "employee__nip",
    "employee__current_unit__name",
    "employee__current_position__name",
    "opd__name",
)


def jp_dashboard_opds(*, actor) -> list[Unit]:
    """OPDs whose 20 JP dashboard the actor may open: every OPD for instansi-wide readers; else the
    OPDs holding (or under) the units the actor administers or leads. A plain employee gets none."""
    scope = get_scope(actor)
    units = (
        Unit.objects.for_actor(actor, VIEW)
        .filter(is_opd=True, is_active=True)
        .order_by("name")
        .only("pk", "name", "path")  # a picker on every dashboard view: no more than it shows
    )
    if scope.read_all or scope.write_all:
        return list(units)
    paths = scope.admin_unit_paths + scope.led_unit_paths
    if not paths:
        return []
    return [u for u in units if any(p.startswith(u.path) or u.path.startswith(p) for p in paths)]


def jp_below_target_filtered(*, actor, year: int, opd_pk, q: str = "", band: str = "") -> QuerySet[JpSummary]:
    """The OPD's employees below target (largest shortfall first), narrowed by name/NIP and band, with
    only the columns the list shows (the rows' models are costly to build whole). Read a page at a time
    in the order of the partial index `learning_jp_below_idx`."""
    qs = jp_below_target(actor=actor, year=year, opd_pk=opd_pk).only(*LIST_FIELDS)
    if q := (q or "").strip():
        qs = qs.filter(Q(employee__name__icontains=q) | Q(employee__nip__startswith=q))
    if band == BAND_ZERO:
        qs = qs.filter(jp_total=0)
    elif band == BAND_FAR:
        qs = qs.filter(shortfall__gte=F("target") / 2)
    elif band == BAND_NEAR:
        qs = qs.filter(shortfall__lt=F("target") / 2)
    return qs


def jp_target(*, actor, year: int):
    """The JP target in force for the actor's instansi in `year` (one query)."""
    from pembina.learning.selectors._data import jp_policy

    return jp_policy(get_scope(actor).instansi_id, year).target
