"""In-app notifications with e-mail copies (Django's mail API), idempotent by `dedupe_key`."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from pembina.accounts.choices import Role
from pembina.accounts.models import RoleGrant, User
from pembina.performance.models import Notification

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    recipient_id: int
    kind: str
    title: str
    body: str = ""
    url: str = ""
    plan_id: int | None = None
    dedupe_key: str = ""


def admin_users_by_path(instansi_id: int) -> list[tuple[str, int]]:
    """(unit path, user id) of every Admin OPD of the instansi: few rows, matched by prefix in Python."""
    return list(
        RoleGrant.objects.filter(role=Role.ADMIN_OPD, unit__instansi_id=instansi_id).values_list(
            "unit__path", "user_id"
        )
    )


def admins_for_path(path: str, admins: list[tuple[str, int]]) -> set[int]:
    return {uid for prefix, uid in admins if path and path.startswith(prefix)}


def users_for_employees(employee_ids: Iterable[int]) -> dict[int, int]:
    ids = [i for i in set(employee_ids) if i]
    if not ids:
        return {}
    return dict(User.objects.filter(employee_id__in=ids, is_active=True).values_list("employee_id", "pk"))


def pimpinan_users(instansi_id: int) -> set[int]:
    return set(
        RoleGrant.objects.filter(role=Role.PIMPINAN, user__instansi_id=instansi_id).values_list(
            "user_id", flat=True
        )
    )


def notify(messages: list[Message], *, email: bool = True) -> list[Notification]:
    """Create the notifications not yet created (same recipient + dedupe_key) and e-mail them after commit."""
    if not messages:
        return []
    keyed = [m for m in messages if m.dedupe_key]
    existing: set[tuple[int, str]] = set()
    if keyed:
        recipients = {m.recipient_id for m in keyed}
        keys = {m.dedupe_key for m in keyed}
        for i in range(0, len(keys), 500):
            chunk = list(keys)[i : i + 500]
            existing |= set(
                Notification.objects.filter(recipient_id__in=recipients, dedupe_key__in=chunk).values_list(
                    "recipient_id", "dedupe_key"
                )
            )
    seen: set[tuple[int, str]] = set()
    new = []
    for m in messages:
        key = (m.recipient_id, m.dedupe_key)
        if m.dedupe_key and (key in existing or key in seen):
            continue
        seen.add(key)
        new.append(
            Notification(
                recipient_id=m.recipient_id,
                kind=m.kind,
                title=m.title[:200],
                body=m.body,
                url=m.url,
                plan_id=m.plan_id,
                dedupe_key=m.dedupe_key,
            )
        )
    created = Notification.objects.bulk_create(new, batch_size=500)
    if email and created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: send_notification_emails(ids))
    return created


def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail each notification to its recipient's address (user or employee record); mark as sent."""
    rows = list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).select_related(
            "recipient", "recipient__employee"
        )
    )
    sender = getattr(settings, "DEFAULT_FROM_EMAIL", "pembina@localhost")
    mails, sent = [], []
    for n in rows:
        address = n.recipient.email or (n.recipient.employee.email if n.recipient.employee_id else "")
        if not address:
            continue
        mails.append((f"[Pembina] {n.title}", n.body or n.title, sender, [address]))
        sent.append(n.pk)
    if mails:
        try:
            send_mass_mail(mails)
        except Exception:  # the in-app notification stands; the next run does not resend it either
            log.exception("sending %s notification e-mails failed", len(mails))
            return 0
        Notification.objects.filter(pk__in=sent).update(emailed_at=timezone.now())
    return len(sent)


def notify_plan_people(
    plan, *, kind: str, to: tuple[str, ...], title: str, body: str = "", dedupe_key: str = ""
) -> list[Notification]:
    """Notify the owner, the rater (or the Pimpinan for an OPD head) and/or the Admin OPD of a plan."""
    recipients: set[int] = set()
    users = users_for_employees([plan.employee_id, plan.rater_id])
    if "owner" in to and plan.employee_id in users:
        recipients.add(users[plan.employee_id])
    if "rater" in to:
        if plan.rater_id:
            if plan.rater_id in users:
                recipients.add(users[plan.rater_id])
        else:
            recipients |= pimpinan_users(plan.year.instansi_id)
    if "admins" in to:
        recipients |= admins_for_path(plan.unit_path, admin_users_by_path(plan.year.instansi_id))
    return notify([Message(r, kind, title, body, "", plan.pk, dedupe_key) for r in sorted(recipients)])


@transaction.atomic
def notification_mark_read(*, notification: Notification, actor) -> Notification:
    n = Notification.objects.get_for_actor_or_404(actor, pk=notification.pk)
    if n.read_at is None:
        n.read_at = timezone.now()
        n.save()
    return n


@transaction.atomic
def notifications_mark_all_read(*, actor) -> int:
    return Notification.objects.for_actor(actor).filter(read_at__isnull=True).update(read_at=timezone.now())
