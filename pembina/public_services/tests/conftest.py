import pytest

from pembina.public_services.tests.factories import build_ps


@pytest.fixture
def ps(city):
    return build_ps(city)
