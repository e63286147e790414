import pytest

from pembina.performance.tests.factories import build_skp_city


@pytest.fixture
def skp(city):
    return build_skp_city(city)
