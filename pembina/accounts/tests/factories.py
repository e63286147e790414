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
