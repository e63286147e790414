"""Early warning: notify employees, their superiors and the OPD admins about indicators behind their
pace and realisations missing after a period ended. Idempotent: a rerun creates nothing new."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pembina.core.exceptions import ApplicationError
from pembina.core.scoping import get_scope
from pembina.performance.choices import NotificationKind, YearState
from pembina.performance.models import PerformancePlan, PerformanceYear
from pembina.performance.selectors.monitoring import early_warnings
from pembina.performance.services.notifications import (
    Message,
    admin_users_by_path,
    admins_for_path,
    notify,
    pimpinan_users,
    users_for_employees,
)

KIND_TITLES = {
    "indicator_behind": NotificationKind.INDICATOR_BEHIND,
    "realisation_missing": NotificationKind.REALISATION_MISSING,
}


@dataclass
class WarningReport:
    flags: int
    plans: int
    notifications: int


@transaction.atomic
def early_warning_run(*, year: PerformanceYear, actor=None, on: dt.date | None = None) -> WarningReport:
    """Flag and notify (in-app + e-mail). Keys carry the plan, the kind and the last ended period, so
    running twice (or daily within the same period) does not duplicate notifications."""
    if actor is not None and not get_scope(actor).write_all:
        raise ApplicationError(_("Hanya Admin BKPSDM yang dapat menjalankan peringatan dini."))
    if year.state not in (YearState.RUNNING, YearState.EVALUATING):
        return WarningReport(0, 0, 0)
    on = on or timezone.localdate()
    last = year.periods.filter(end__lt=on).order_by("-number").first()
    if last is None:
        return WarningReport(0, 0, 0)
    flags = early_warnings(year=year, on=on)
    by_plan: dict[tuple[int, str], list] = defaultdict(list)
    for f in flags:
        by_plan[(f.plan_id, f.kind)].append(f)
    plans = {
        p.pk: p
        for p in PerformancePlan.objects.filter(pk__in={pid for pid, _k in by_plan}).only(
            "pk", "employee_id", "rater_id", "unit_path", "opd_id", "header"
        )
    }
    users = users_for_employees(
        [p.employee_id for p in plans.values()] + [p.rater_id for p in plans.values()]
    )
    admins = admin_users_by_path(year.instansi_id)
    heads = pimpinan_users(year.instansi_id)
    messages: list[Message] = []
    opd_digest: dict[tuple[int, str], list[str]] = defaultdict(list)
    for (plan_id, kind), items in by_plan.items():
        plan = plans[plan_id]
        name = (plan.header.get("employee") or {}).get("name", "")
        lines = "\n".join(
            f"- {f.indicator_name}" + (f" ({f.period_label})" if kind == "realisation_missing" else "")
            for f in items
        )
        if kind == "indicator_behind":
            title_self = _("%(n)s indikator Anda tertinggal dari laju target") % {"n": len(items)}
            title_sup = _("%(n)s indikator %(who)s tertinggal dari laju target") % {
                "n": len(items),
                "who": name,
            }
        else:
            title_self = _("%(n)s realisasi Anda belum diisi") % {"n": len(items)}
            title_sup = _("%(n)s realisasi %(who)s belum diisi") % {"n": len(items), "who": name}
        key = f"ew:{kind}:plan{plan_id}:p{last.number}"
        if plan.employee_id in users:
            messages.append(
                Message(users[plan.employee_id], KIND_TITLES[kind], title_self, lines, "", plan_id, key)
            )
        if plan.rater_id:
            if plan.rater_id in users:
                messages.append(
                    Message(users[plan.rater_id], KIND_TITLES[kind], title_sup, lines, "", plan_id, key)
                )
        else:
            for uid in heads:
                messages.append(Message(uid, KIND_TITLES[kind], title_sup, lines, "", plan_id, key))
        for uid in admins_for_path(plan.unit_path, admins):
            opd_digest[(uid, kind)].append(f"{name}: {len(items)}")
    for (uid, kind), rows in opd_digest.items():
        title = (
            _("Peringatan dini: %(n)s pegawai dengan indikator tertinggal")
            if kind == "indicator_behind"
            else _("Peringatan dini: %(n)s pegawai belum mengisi realisasi")
        ) % {"n": len(rows)}
        messages.append(
            Message(
                uid,
                KIND_TITLES[kind],
                title,
                "\n".join(sorted(rows)),
                "",
                None,
                f"ew:{kind}:admin:y{year.pk}:p{last.number}",
            )
        )
    created = notify(messages)
    return WarningReport(flags=len(flags), plans=len(plans), notifications=len(created))
