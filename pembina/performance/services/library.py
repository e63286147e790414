"""The indicator library: Admin BKPSDM adds and edits the instansi's own reusable indicators."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.performance.models import IndicatorTemplate
from pembina.performance.services.common import full_clean
from pembina.performance.services.goals import validate_data_source

TEMPLATE_FIELDS = (
    "sector",
    "name",
    "definition",
    "unit",
    "direction",
    "aspect",
    "aggregation",
    "suggested_target",
    "reference",
    "data_source",
    "data_source_params",
    "is_active",
)


def _ensure_admin(actor) -> None:
    if actor is not None and not get_scope(actor).write_all:
        raise ApplicationError(_("Hanya Admin BKPSDM yang dapat mengubah pustaka indikator."))


@transaction.atomic
def indicator_template_create(*, instansi, data: dict, actor) -> IndicatorTemplate:
    _ensure_admin(actor)
    code = data.get("code") or slugify(f"{instansi.code}-{data.get('name', '')}")[:60]
    if IndicatorTemplate.objects.filter(code=code).exists():
        raise ApplicationError(_("Kode indikator %(c)s sudah dipakai.") % {"c": code}, field="code")
    obj = IndicatorTemplate(
        instansi=instansi, code=code, **{k: v for k, v in data.items() if k in TEMPLATE_FIELDS}
    )
    validate_data_source(obj.data_source, obj.data_source_params)
    full_clean(obj)
    obj.save()
    return obj


@transaction.atomic
def indicator_template_update(*, template: IndicatorTemplate, data: dict, actor) -> IndicatorTemplate:
    _ensure_admin(actor)
    if actor is not None and template.instansi_id != get_scope(actor).instansi_id:
        raise ApplicationError(_("Pustaka bersama tidak dapat diubah oleh instansi."))
    obj = IndicatorTemplate.objects.select_for_update(of=("self",)).get(pk=template.pk)
    for f in TEMPLATE_FIELDS:
        if f in data:
            setattr(obj, f, data[f])
    validate_data_source(obj.data_source, obj.data_source_params)
    full_clean(obj)
    obj.save()
    return obj
