"""Users and role grants for tests."""

import factory

from pembina.accounts.models import RoleGrant, User

PASSWORD = "rahasia-uji-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def make_user(*, username, instansi=None, employee=None, role=None, unit=None) -> User:
    user = UserFactory(
        username=username, instansi=instansi or (employee.instansi if employee else None), employee=employee
    )
    if role:
        RoleGrant.objects.create(user=user, role=role, unit=unit)
    return user


# --- 2FA helpers (tests and Playwright journeys compute real TOTP codes, no bypass code) -------------


def activate_totp(user) -> str:
    """Give `user` a TOTP authenticator and return its base32 secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def totp_secret(user) -> str:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return decrypt(authenticator.data["secret"])


def totp_code(secret: str, *, margin: float = 3.0) -> str:
    """The current code; waits for the next period when fewer than `margin` seconds are left in this one."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    period = app_settings.TOTP_PERIOD
    if period - time.time() % period < margin:
        time.sleep(period - time.time() % period + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))
