"""A locked evaluation cannot change by any path: services, API, imports, admin or a shell.

The guard sits on the models and their querysets, below every interface: `save()`/`delete()` of an
evaluation whose stored status is locked, or of a row that belongs to one, raise `EvaluationLocked`;
so do `update()`, `bulk_update()` and `delete()` on querysets touching such rows."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from pembina.core.audit.querysets import AuditedQuerySet

LOCKED = "locked"


class EvaluationLocked(PermissionDenied):
    """Raised on any attempt to change a locked evaluation (a PermissionDenied: 403 in views)."""

    def __init__(self, message=None):
        super().__init__(message or _("Evaluasi sudah final (dikunci) dan tidak dapat diubah."))
        self.message = str(message or _("Evaluasi sudah final (dikunci) dan tidak dapat diubah."))


class LockGuardedQuerySet(AuditedQuerySet):
    """`lock_lookup` on the model names the path to the evaluation's status ("status" on the
    evaluation itself, "evaluation__status" on its parts)."""

    def _touches_locked(self, pks=None) -> bool:
        lookup = self.model.lock_lookup
        qs = self.model._base_manager.all() if pks is not None else self
        if pks is not None:
            qs = qs.filter(pk__in=list(pks))
        return qs.filter(**{lookup: LOCKED}).exists()

    def update(self, **kwargs):
        if self._touches_locked():
            raise EvaluationLocked()
        return super().update(**kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if objs and self._touches_locked([o.pk for o in objs]):
            raise EvaluationLocked()
        return super().bulk_update(objs, fields, *args, **kwargs)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        if self.model.lock_lookup != "status":  # parts of an evaluation: not into a locked one
            from pembina.evaluation.models.evaluations import Evaluation

            ids = {o.evaluation_id for o in objs}
            if ids and Evaluation._base_manager.filter(pk__in=ids, status=LOCKED).exists():
                raise EvaluationLocked()
        return super().bulk_create(objs, *args, **kwargs)

    def delete(self):
        if self._touches_locked():
            raise EvaluationLocked()
        return super().delete()


class LockGuardedMixin:
    """For the parts of an evaluation: refuse to save or delete when the evaluation is locked."""

    lock_lookup = "evaluation__status"

    def _evaluation_locked(self) -> bool:
        from pembina.evaluation.models.evaluations import Evaluation

        eid = getattr(self, "evaluation_id", None)
        if eid is None:
            return False
        return Evaluation._base_manager.filter(pk=eid, status=LOCKED).exists()

    def save(self, *args, **kwargs):
        if self._evaluation_locked():
            raise EvaluationLocked()
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._evaluation_locked():
            raise EvaluationLocked()
        return super().delete(*args, **kwargs)
