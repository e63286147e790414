"""BerAKHLAK core values and their behaviour guides (perilaku kerja), seeded as reference data."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pembina.core.models import AuditedModel
from pembina.core.scoping import CHANGE


class CoreValue(AuditedModel):
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nilai dasar"), max_length=60)
    meaning = models.CharField(_("makna"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("nilai dasar BerAKHLAK")
        verbose_name_plural = _("nilai dasar BerAKHLAK")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_q(cls, scope, action):
        return models.Q() if action != CHANGE or scope.write_all else models.Q(pk__in=[])


class BehaviourGuide(AuditedModel):
    value = models.ForeignKey(CoreValue, on_delete=models.CASCADE, related_name="guides")
    order = models.PositiveSmallIntegerField(_("urutan"))
    text = models.CharField(_("panduan perilaku"), max_length=300)

    class Meta:
        verbose_name = _("panduan perilaku")
        verbose_name_plural = _("panduan perilaku")
        ordering = ["value__order", "order"]
        constraints = [models.UniqueConstraint(fields=["value", "order"], name="one_guide_per_order")]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def scope_q(cls, scope, action):
        return CoreValue.scope_q(scope, action)
