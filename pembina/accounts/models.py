"""The user account (NIP as username for ASN) and the roles granted to it."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.accounts.choices import UNIT_ROLES, Role
from pembina.core.models import AuditedModel
from pembina.core.scoping import ScopedQuerySet


class User(AbstractUser):
    audit_enabled = True
    audit_exclude = ("password", "last_login", "date_joined")

    instansi = models.ForeignKey(
        "org.Instansi", on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    employee = models.OneToOneField(
        "org.Employee", on_delete=models.SET_NULL, null=True, blank=True, related_name="user"
    )
    language = models.CharField(
        _("bahasa"), max_length=5, default="id", choices=[("id", "Indonesia"), ("en", "English")]
    )

    # Declared first so it stays the default manager: auth backends need get_by_natural_key().
    objects = UserManager()
    objects_scoped = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        if self.employee_id:
            return self.employee.full_name
        return self.get_full_name() or self.username

    @classmethod
    def scope_q(cls, scope, action):
        if scope.write_all:
            return models.Q(instansi_id=scope.instansi_id)
        return models.Q(pk=scope.user_id)


class RoleGrant(AuditedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit (untuk Admin OPD)"),
    )
    note = models.CharField(_("dasar penetapan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="unique_role_grant"),
        ]

    def __str__(self) -> str:
        if self.unit_id:
            return f"{self.get_role_display()} — {self.unit}"
        return str(self.get_role_display())

    def clean(self) -> None:
        if self.role in UNIT_ROLES and not self.unit_id:
            raise ValidationError(
                {"unit": _("%(role)s harus ditetapkan pada satu unit.") % {"role": self.get_role_display()}}
            )
        if self.role not in UNIT_ROLES and self.unit_id:
            raise ValidationError(
                {"unit": _("Hanya Admin OPD dan Tim Penilai Kinerja yang dibatasi pada unit.")}
            )
