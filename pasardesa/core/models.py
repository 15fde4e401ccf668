from django.db import models
from django.utils.translation import gettext_lazy as _


class IdempotencyKey(models.Model):
    """A create request already handled: a double tap or a retry on a flaky
    connection finds its key here and gets the first result back.

    ``scope`` names the action and its actor (``catalog.create_product:42``) so a key
    can never fetch somebody else's result.
    """

    scope = models.CharField(max_length=80)
    key = models.UUIDField()
    result = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_key_once"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"


class StaticQrisFields(models.Model):
    """A merchant's static QRIS, as checked when it was set (payments.qris),
    with the name and NMID the person confirmed ("Apakah ini QRIS Anda?").

    The payload is never shown to buyers as is: each payment turns it into a
    dynamic QRIS for the exact amount.
    """

    qris_payload = models.CharField(_("QRIS"), max_length=512, blank=True)
    qris_merchant_name = models.CharField(_("nama merchant QRIS"), max_length=25, blank=True)
    qris_nmid = models.CharField(_("NMID"), max_length=32, blank=True)

    class Meta:
        abstract = True

    @property
    def has_qris(self) -> bool:
        return bool(self.qris_payload)
