"""The one sanctioned use of signals: record every save and delete of an AuditedModel."""

from __future__ import annotations

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from pembina.core.audit import context as ctx
from pembina.core.audit.recorder import Change, diff_change, record, serialize, serialize_values


def _before_state(sender, instance):
    snapshot = getattr(instance, "_audit_snapshot", None)
    if snapshot is not None:
        return snapshot
    attnames = [f.attname for f in sender._meta.concrete_fields]
    row = sender._base_manager.filter(pk=instance.pk).values(*attnames).first()
    return serialize_values(sender, row) if row else None


def on_pre_save(sender, instance, raw=False, **kwargs):
    if raw or ctx.is_suppressed():
        return
    if instance.pk is not None and not instance._state.adding:
        instance._audit_before = _before_state(sender, instance)
    else:
        instance._audit_before = None


def on_post_save(sender, instance, created, raw=False, **kwargs):
    if raw or ctx.is_suppressed():
        return
    after = serialize(instance)
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    instance._audit_snapshot = after
    if created or before is None:
        record([Change("create", sender, instance.pk, str(instance), None, after)])
        return
    change = diff_change(sender, instance.pk, str(instance), before, after)
    if change is not None:
        record([change])


def on_pre_delete(sender, instance, **kwargs):
    if ctx.is_suppressed():
        return
    instance._audit_delete_before = serialize(instance)
    instance._audit_delete_pk = instance.pk


def on_post_delete(sender, instance, **kwargs):
    if ctx.is_suppressed():
        return
    before = getattr(instance, "_audit_delete_before", None) or serialize(instance)
    pk = getattr(instance, "_audit_delete_pk", instance.pk)
    record([Change("delete", sender, pk, str(instance), before, None)])


def connect_all() -> None:
    from pembina.core.models.base import AuditedModel

    for model in apps.get_models():
        if issubclass(model, AuditedModel) or getattr(model, "audit_enabled", False):
            uid = f"pembina-audit-{model._meta.label_lower}"
            pre_save.connect(on_pre_save, sender=model, dispatch_uid=uid + "-pre")
            post_save.connect(on_post_save, sender=model, dispatch_uid=uid + "-post")
            pre_delete.connect(on_pre_delete, sender=model, dispatch_uid=uid + "-predel")
            post_delete.connect(on_post_delete, sender=model, dispatch_uid=uid + "-postdel")
