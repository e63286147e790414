"""`pembina evaluation_lock_due [--on YYYY-MM-DD] [--instansi ID]`: make final every published
evaluation whose appeal window ended without an appeal (daily, from cron; safe to run more than
once a day: an evaluation already locked is not touched again)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pembina.core.audit.context import Source, audit_context
from pembina.evaluation.services import evaluations_lock_due
from pembina.org.models import Instansi


class Command(BaseCommand):
    help = gettext_lazy(
        "Mengunci evaluasi kinerja yang sudah diumumkan dan masa keberatannya berakhir tanpa keberatan "
        "(harian; aman dijalankan berulang)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--on", default=None, help=gettext_lazy("Tanggal acuan YYYY-MM-DD (untuk uji); bawaan hari ini.")
        )
        parser.add_argument(
            "--instansi", type=int, default=None, help=gettext_lazy("id instansi (bawaan: semua).")
        )

    def handle(self, *args, on=None, instansi=None, **options):
        try:
            day = dt.date.fromisoformat(on) if on else None
        except ValueError:
            raise CommandError(
                _("Tanggal --on tidak valid: %(v)s (format YYYY-MM-DD).") % {"v": on}
            ) from None
        target = None
        if instansi is not None:
            target = Instansi.objects.filter(pk=instansi).first()
            if target is None:
                raise CommandError(_("Instansi #%(i)s tidak ditemukan.") % {"i": instansi})
        with audit_context(source=Source.COMMAND, label="perintah evaluation_lock_due"):
            locked = evaluations_lock_due(on=day, instansi=target)
        self.stdout.write(_("Evaluasi dikunci: %(n)s.") % {"n": locked})
