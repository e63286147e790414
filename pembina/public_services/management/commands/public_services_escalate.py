"""`pembina public_services_escalate`: flag and escalate late requests and complaints (run from cron)."""

import datetime as dt

from django.core.management.base import BaseCommand

from pembina.core.audit.context import Source, audit_context
from pembina.public_services.services import complaints_escalate_overdue, requests_escalate_overdue


class Command(BaseCommand):
    help = "Mengeskalasi permohonan dan pengaduan yang melewati batas waktu (aman dijalankan berulang)."

    def add_arguments(self, parser):
        parser.add_argument("--instansi", type=int, default=None, help="id instansi (bawaan: semua)")
        parser.add_argument("--now", default=None, help="waktu acuan ISO 8601 (untuk uji), bawaan sekarang")

    def handle(self, *args, **options):
        now = dt.datetime.fromisoformat(options["now"]) if options["now"] else None
        with audit_context(source=Source.COMMAND, label="perintah public_services_escalate"):
            requests = requests_escalate_overdue(now=now, instansi_id=options["instansi"])
            complaints = complaints_escalate_overdue(now=now, instansi_id=options["instansi"])
        self.stdout.write(
            f"Permohonan dieskalasi: {requests['escalated']}; pengaduan dieskalasi: {complaints['escalated']}, "
            f"ditutup: {complaints['closed']}."
        )
