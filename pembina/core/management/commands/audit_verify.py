"""`pembina audit_verify`: recompute the audit hash chain and report the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from pembina.core.audit.recorder import verify_chain


class Command(BaseCommand):
    help = "Memeriksa keutuhan rantai hash jejak audit."

    def handle(self, *args, **options):
        result = verify_chain()
        if result.ok:
            self.stdout.write(self.style.SUCCESS(f"Rantai audit utuh: {result.checked} entri diperiksa."))
            return
        raise CommandError(
            f"Rantai audit RUSAK pada entri #{result.broken_entry_id}: {result.reason} "
            f"({result.checked} entri sebelumnya utuh)."
        )
