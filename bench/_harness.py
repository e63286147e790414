"""What every benchmark in this folder shares: Django set up for timing on a throwaway database.

    from _harness import ROOT, log, setup_django

(`python bench/<name>.py` puts this folder first on `sys.path`.) A benchmark never touches the
configured database: SQLite gets a new file in the benchmark's temporary directory; a server named
by `DATABASE_URL` gets a new test database, destroyed by the teardown `setup_django` returns.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def log(*args) -> None:
    """Progress and human-readable figures go to stderr; stdout ends with the JSON line."""
    print(*args, file=sys.stderr, flush=True)


def setup_django(workdir: Path, *, test_client: bool = False, cache_table: bool = False) -> Callable | None:
    """Settings `local` with DEBUG off (DEBUG would log every query and skew the timing), media and
    SQLite file under `workdir`, warnings-only logging silenced, the schema migrated. With
    `test_client`, django.test.Client's host "testserver" is allowed; with `cache_table`, the
    page-fragment cache table (settings: DatabaseCache) is created. Returns the teardown for a
    server database (None for SQLite: the caller removes `workdir`)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pembina.config.settings.local")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ["PEMBINA_SQLITE_PATH"] = str(workdir / "bench.sqlite3")
    os.environ["PEMBINA_MEDIA_ROOT"] = str(workdir / "media")
    if test_client:
        hosts = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
        os.environ["DJANGO_ALLOWED_HOSTS"] = hosts + ",testserver"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    from django.core.management import call_command
    from django.db import connection

    teardown = None
    if os.environ.get("DATABASE_URL"):
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)

        def teardown():
            connection.creation.destroy_test_db(old_name, verbosity=0)

    else:
        call_command("migrate", verbosity=0, interactive=False)
    if cache_table:
        call_command("createcachetable", verbosity=0)
    return teardown
