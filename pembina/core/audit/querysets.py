"""Bulk writes on audited models are recorded too: bulk_create, bulk_update and update()."""

from __future__ import annotations

from django.db import transaction

from pembina.core.audit import context as ctx
from pembina.core.audit.recorder import changes_for_created, diff_change, record, serialize_values
from pembina.core.scoping import ScopedQuerySet

CHUNK = 900  # stays under SQLite's bound-parameter limit


class AuditedQuerySet(ScopedQuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        with transaction.atomic(using=self.db):
            result = super().bulk_create(objs, *args, **kwargs)
            if not ctx.is_suppressed():
                record(changes_for_created(objs))
        return result

    def _rows(self, pks, attnames):
        rows = {}
        pks = list(pks)
        for i in range(0, len(pks), CHUNK):
            for row in self.model._base_manager.filter(pk__in=pks[i : i + CHUNK]).values("pk", *attnames):
                rows[row.pop("pk")] = row
        return rows

    def _attnames(self, fields):
        return [self.model._meta.get_field(f).attname for f in fields]

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if ctx.is_suppressed():
            return super().bulk_update(objs, fields, *args, **kwargs)
        attnames = self._attnames(fields)
        with transaction.atomic(using=self.db):
            before = self._rows([o.pk for o in objs], attnames)
            with ctx.suppressed():  # Django's bulk_update calls update(); record once, here
                result = super().bulk_update(objs, fields, *args, **kwargs)
            changes = []
            for o in objs:
                b = serialize_values(self.model, before.get(o.pk, {}))
                a = serialize_values(self.model, {n: getattr(o, n) for n in attnames})
                change = diff_change(self.model, o.pk, str(o), b, a)
                if change is not None:
                    changes.append(change)
            record(changes)
        return result

    def update(self, **kwargs):
        if ctx.is_suppressed():
            return super().update(**kwargs)
        attnames = self._attnames(kwargs)
        with transaction.atomic(using=self.db):
            pks = list(self.values_list("pk", flat=True))
            before = self._rows(pks, attnames)
            result = super().update(**kwargs)
            after = self._rows(pks, attnames)
            label = self.model._meta.verbose_name
            changes = []
            for pk in pks:
                change = diff_change(
                    self.model,
                    pk,
                    f"{label} #{pk}",
                    serialize_values(self.model, before.get(pk, {})),
                    serialize_values(self.model, after.get(pk, {})),
                )
                if change is not None:
                    changes.append(change)
            record(changes)
        return result
