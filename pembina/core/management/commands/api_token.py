"""`pembina api_token <username> [--rotate]`: print an integration's API token (issued or rotated)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from pembina.core.api.tokens import EXISTING, ROTATED, api_token_issue
from pembina.core.audit.context import Source, audit_context
from pembina.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = "Menerbitkan (atau mengganti dengan --rotate) token API seorang pengguna dan mencetaknya."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Nama pengguna (NIP untuk ASN).")
        parser.add_argument(
            "--rotate", action="store_true", help="Ganti token lama; integrasi yang memakainya berhenti."
        )

    def handle(self, *args, username, rotate=False, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Pengguna '{username}' tidak ditemukan.")
        try:
            with audit_context(source=Source.COMMAND, label="perintah api_token"):
                token, outcome = api_token_issue(user=user, rotate=rotate)
        except ApplicationError as exc:
            raise CommandError(exc.message) from None
        notes = {
            EXISTING: "Token yang sudah ada (pakai --rotate untuk mengganti).",
            ROTATED: "Token baru diterbitkan; token lama tidak berlaku lagi.",
        }
        self.stderr.write(notes.get(outcome, "Token baru diterbitkan."))
        # Only the key on stdout, so scripts can capture it: `TOKEN=$(pembina api_token svc.x)`.
        self.stdout.write(token.key)
