from django.db import models


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
