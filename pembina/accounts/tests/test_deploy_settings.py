"""Production settings pass Django's deploy checks; every environment variable is documented."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

SETTINGS_DIR = Path(settings.BASE_DIR) / "pembina" / "config" / "settings"
ENV_EXAMPLE = Path(settings.BASE_DIR) / ".env.example"


def run_pembina(*args, **env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PEMBINA_"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "-m", "pembina.manage", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run_pembina(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="pembina.config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="pembina.example.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_pembina(
        "check",
        DJANGO_SETTINGS_MODULE="pembina.config.settings.production",
        DJANGO_ALLOWED_HOSTS="pembina.example.go.id",
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_no_secret_in_the_repository_settings():
    production = (SETTINGS_DIR / "production.py").read_text()
    assert re.search(r'SECRET_KEY\s*=\s*env\("DJANGO_SECRET_KEY"\)', production)
    assert "default=" not in production.split("SECRET_KEY", 1)[1].splitlines()[0]


ENV_NAME = re.compile(r'env(?:\.\w+)?\(\s*"([A-Z][A-Z0-9_]+)"|env="([A-Z][A-Z0-9_]+)"')


def test_env_example_lists_every_variable_the_settings_read():
    names = set()
    for path in SETTINGS_DIR.glob("*.py"):
        for match in ENV_NAME.finditer(path.read_text()):
            names.add(match.group(1) or match.group(2))
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOWED_HOSTS"} <= names
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), flags=re.M))
    missing = sorted(names - documented)
    assert not missing, f".env.example does not document: {', '.join(missing)}"
