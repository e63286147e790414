"""Django admin at /django-admin/: superusers only, through allauth's login (2FA), mostly read-only."""

import pytest
from django.contrib import admin
from django.urls import reverse

from pembina.accounts.tests.factories import PASSWORD, activate_totp, make_user, totp_code
from pembina.core.models import AuditEntry

ADMIN = "/django-admin/"


@pytest.fixture
def root(db):
    user = make_user(username="root")
    user.is_superuser = user.is_staff = True
    user.save()
    return user


def test_anonymous_is_sent_to_the_allauth_login_not_djangos(db, client):
    r = client.get(ADMIN, follow=True)
    assert r.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert "next=" in r.redirect_chain[-1][0]
    r = client.post(f"{ADMIN}login/", {"username": "root", "password": PASSWORD})
    assert "_auth_user_id" not in client.session  # Django's password-only form is gone


def test_superuser_signs_in_with_password_and_totp_then_reaches_the_admin(root, client):
    secret = activate_totp(root)
    r = client.post(reverse("account_login") + f"?next={ADMIN}", {"login": "root", "password": PASSWORD})
    assert r["Location"] == reverse("mfa_authenticate")
    r = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert r["Location"] == ADMIN
    assert client.get(ADMIN).status_code == 200


@pytest.mark.parametrize("role", ["admin_bkpsdm", "auditor", "pegawai"])
def test_non_superusers_are_refused_even_as_staff(city, login, role):
    user = city.users[role]
    user.is_staff = True
    user.save()
    client = login(user)
    r = client.get(ADMIN, follow=True)
    assert r.status_code == 403


def test_every_registered_model_lists_and_shows_for_a_superuser(city, root, login):
    client = login(root)
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        r = client.get(reverse(f"{prefix}_changelist"))
        assert r.status_code == 200, model
        obj = model_admin.get_queryset(r.wsgi_request).first()
        if obj is not None:
            assert client.get(reverse(f"{prefix}_change", args=[obj.pk])).status_code == 200, model


def test_audit_trail_is_view_only(city, root, login):
    client = login(root)
    entry = AuditEntry.objects.order_by("pk").first()
    assert entry is not None
    count = AuditEntry.objects.count()
    assert client.get(reverse("admin:core_auditentry_add")).status_code == 403
    assert (
        client.post(reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    change_url = reverse("admin:core_auditentry_change", args=[entry.pk])
    page = client.get(change_url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(change_url, {"object_repr": "diubah"}).status_code == 403
    r = client.post(
        reverse("admin:core_auditentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    assert AuditEntry.objects.count() == count
    assert r.status_code in (200, 302)


def test_org_data_is_read_only_in_the_admin(city, root, login):
    client = login(root)
    unit = city.dinas_a
    assert client.get(reverse("admin:org_unit_add")).status_code == 403
    assert client.post(reverse("admin:org_unit_change", args=[unit.pk]), {"name": "X"}).status_code == 403
    unit.refresh_from_db()
    assert unit.name == "Dinas Kesehatan"


def test_authenticator_secret_is_never_shown_and_reset_is_possible(city, root, login):
    from allauth.mfa.models import Authenticator

    client = login(root)
    admin_user = city.users["admin_bkpsdm"]
    activate_totp(admin_user)
    authenticator = Authenticator.objects.get(user=admin_user, type="totp")
    page = client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))
    assert authenticator.data["secret"] not in page.content.decode()
    client.post(reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"})
    assert not Authenticator.objects.filter(pk=authenticator.pk).exists()
