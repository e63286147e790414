"""Development needs: opened by evaluation results (the performance app), gaps, coaching or by hand."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.learning.choices import NeedSource, NeedStatus
from pembina.learning.models import DevelopmentNeed
from pembina.learning.permissions import employee_roles
from pembina.learning.rules.workflow import ADMINS, OWNER, SUPERIOR
from pembina.learning.services._common import actor_user, full_clean, today
from pembina.learning.services.competencies import resolve_competency

OPEN_ROLES = frozenset({OWNER, SUPERIOR, *ADMINS})


def _key(source_kind: str, source_ref: str, competency_id: int | None) -> str:
    return f"{source_kind}:{source_ref}:{competency_id or '-'}"[:200]


def development_need_open(
    *, employee, source_kind: str, source_ref: str, reason: str, competency=None, actor
) -> DevelopmentNeed:
    """Open a need once per (source kind, source reference, competency): calling again returns the
    existing need (its reason is refreshed while it is still open). `competency` is a Competency, its
    code, or None for a need not tied to one competency (e.g. a predicate below expectation)."""
    if source_kind not in NeedSource.values:
        raise ApplicationError(
            _("Asal kebutuhan '%(s)s' tidak dikenal.") % {"s": source_kind}, field="source_kind"
        )
    if actor is not None and not employee_roles(actor, employee) & OPEN_ROLES:
        raise ApplicationError(_("Anda tidak berwenang membuka kebutuhan pengembangan untuk pegawai ini."))
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError(_("Alasan kebutuhan pengembangan wajib diisi."), field="reason")
    comp = (
        resolve_competency(competency, instansi_id=employee.instansi_id) if competency is not None else None
    )
    source_ref = (source_ref or "").strip()[:120]
    key = _key(source_kind, source_ref, comp.pk if comp else None)
    try:
        with transaction.atomic():
            need = (
                DevelopmentNeed.objects.select_for_update(of=("self",))
                .filter(employee=employee, dedupe_key=key)
                .first()
            )
            if need is not None:
                if need.status == NeedStatus.OPEN and need.reason != reason:
                    need.reason = reason
                    need.save(update_fields=["reason", "updated_at"])
                return need
            need = DevelopmentNeed(
                employee=employee,
                competency=comp,
                source_kind=source_kind,
                source_ref=source_ref,
                reason=reason,
                dedupe_key=key,
                opened_on=today(),
                opened_by=actor_user(actor),
            )
            full_clean(need, exclude=["dedupe_key"])
            need.save()
            return need
    except IntegrityError:  # a concurrent call opened it first
        return DevelopmentNeed.objects.get(employee=employee, dedupe_key=key)


@transaction.atomic
def development_need_close(*, need: DevelopmentNeed, note: str, actor) -> DevelopmentNeed:
    need = DevelopmentNeed.objects.select_for_update(of=("self",)).select_related("employee").get(pk=need.pk)
    if actor is not None and not employee_roles(actor, need.employee) & frozenset({SUPERIOR, *ADMINS}):
        raise ApplicationError(_("Hanya atasan atau admin yang dapat menutup kebutuhan pengembangan."))
    if need.status == NeedStatus.CLOSED:
        return need
    if not (note or "").strip():
        raise ApplicationError(_("Catatan penutupan wajib diisi."), field="note")
    need.status, need.closed_on, need.close_note = NeedStatus.CLOSED, today(), note.strip()[:300]
    need.save()
    return need
