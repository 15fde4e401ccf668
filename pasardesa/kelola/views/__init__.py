"""The back office (/kelola/…) pages that read several apps, by audience:
``home`` (everyone's role home), ``seller`` (the seller's home), ``operator``
(the village operator's console) and ``region`` (the regional admin's)."""
