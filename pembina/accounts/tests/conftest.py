"""Login tests share the cache (allauth's used-code markers and rate limits live there): start clean."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()
