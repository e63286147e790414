"""Helpers shared by the learning services: cleaning, permission checks, names, notifications."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope


def today() -> dt.date:
    return timezone.localdate()


def full_clean(obj, exclude=None, label: str = "") -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        field, msgs = next(iter(errors.items()))
        prefix = f"{label}: " if label else ""
        raise ApplicationError(
            prefix + " ".join(msgs), field=None if field == "__all__" else field, extra={"errors": errors}
        ) from None


def actor_user(actor):
    return actor if actor is not None and getattr(actor, "pk", None) else None


def actor_name(actor) -> str:
    if actor is None:
        return _("Sistem")
    employee = getattr(actor, "employee", None)
    if employee is not None:
        return employee.full_name
    return actor.get_full_name() or actor.get_username()


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ApplicationError(message)


def require_write_all(actor, message: str | None = None) -> None:
    """Catalogue, dictionary and scenario authoring belong to BKPSDM (None actor = trusted system code)."""
    if actor is None:
        return
    if not get_scope(actor).write_all:
        raise ApplicationError(message or _("Hanya Admin BKPSDM yang dapat melakukan ini."))


def same_instansi(actor, instansi_id: int | None) -> None:
    if actor is None or instansi_id is None:
        return
    if get_scope(actor).instansi_id != instansi_id:
        raise ApplicationError(_("Data ini milik instansi lain."))


# --- notifications -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    recipient_id: int
    kind: str
    title: str
    body: str = ""
    url: str = ""
    dedupe_key: str = ""
    email: str = ""  # address for the e-mail copy ("" = in-app only)


def notify(messages: Iterable[Message]) -> int:
    """Create the notifications not created before (same recipient and dedupe key) and e-mail them
    once the transaction commits. Returns how many were created."""
    from pembina.learning.models import LearningNotification

    messages = list(messages)
    if not messages:
        return 0
    keyed = [m for m in messages if m.dedupe_key]
    existing: set[tuple[int, str]] = set()
    if keyed:
        keys = sorted({m.dedupe_key for m in keyed})
        recipients = sorted({m.recipient_id for m in keyed})
        for i in range(0, len(keys), 500):
            for j in range(0, len(recipients), 500):
                existing |= set(
                    LearningNotification.objects.filter(
                        dedupe_key__in=keys[i : i + 500], recipient_id__in=recipients[j : j + 500]
                    ).values_list("recipient_id", "dedupe_key")
                )
    seen: set[tuple[int, str]] = set()
    new: list[Message] = []
    for m in messages:
        key = (m.recipient_id, m.dedupe_key)
        if m.dedupe_key and (key in existing or key in seen):
            continue
        seen.add(key)
        new.append(m)
    if not new:
        return 0
    now = timezone.now()
    rows = [
        LearningNotification(
            recipient_id=m.recipient_id,
            kind=m.kind,
            title=m.title[:200],
            body=m.body,
            url=m.url[:300],
            dedupe_key=m.dedupe_key[:200],
            emailed_at=now if m.email else None,
        )
        for m in new
    ]
    LearningNotification.objects.bulk_create(rows, batch_size=1000)
    mails = [
        (m.title, m.body + (f"\n\n{m.url}" if m.url else ""), settings.DEFAULT_FROM_EMAIL, [m.email])
        for m in new
        if m.email
    ]
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return len(rows)


def user_of(employee_ids: Iterable[int]) -> dict[int, tuple[int, str]]:
    """employee id → (user id, e-mail) of active accounts, in one query per 900 ids."""
    from pembina.accounts.models import User

    ids = sorted({i for i in employee_ids if i})
    found: dict[int, tuple[int, str]] = {}
    for i in range(0, len(ids), 900):
        for emp_id, uid, email, emp_email in User.objects.filter(
            employee_id__in=ids[i : i + 900], is_active=True
        ).values_list("employee_id", "pk", "email", "employee__email"):
            found[emp_id] = (uid, email or emp_email or "")
    return found


def notify_employees(
    employee_ids: Iterable[int], *, kind: str, title: str, body: str = "", url: str = "", key: str = ""
) -> int:
    users = user_of(employee_ids)
    return notify(
        Message(uid, kind, title, body, url, f"{key}" if key else "", email) for uid, email in users.values()
    )
