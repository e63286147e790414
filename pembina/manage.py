"""The `pembina` console command: Django's manage.py for this project."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pembina.config.settings.local")
    from django.core.management import execute_from_command_line

    from pembina.core.audit.context import Source, audit_context

    # Changes made by management commands are audited as source "command".
    label = f"perintah {sys.argv[1]}" if len(sys.argv) > 1 else "perintah"
    with audit_context(source=Source.COMMAND, label=label):
        execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
