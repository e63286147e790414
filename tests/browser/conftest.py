"""Playwright on Debian's Chromium against pytest-django's live server.

Tests here are marked `@pytest.mark.browser` (deselect with `-m "not browser"`). They need
/usr/bin/chromium (`apt-get install chromium`); without it they skip locally and fail under CI=true.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PEMBINA_CHROMIUM", "/usr/bin/chromium")
SCREENSHOT_DIR = Path(os.environ.get("PEMBINA_SCREENSHOT_DIR", "/tmp"))
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "id-ID", "timezone_id": "Asia/Jakarta"}


@pytest.fixture
def city_live(transactional_db, live_server):
    """The shared test city, committed so the live server's thread sees it."""
    from conftest import build_city

    return build_city()


@pytest.fixture
def console_errors(page):
    """Browser console errors (a CSP violation shows up here) collected during the test."""
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


def screenshot(page, name: str) -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"pembina-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
