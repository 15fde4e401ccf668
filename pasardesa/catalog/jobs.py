"""The catalogue's scheduled sweeps (see ``pasardesa.core.jobs``): photos held
for a product form nobody sent again are pruned after a day."""

from pasardesa.catalog.services import prune_pending_photos
from pasardesa.core.jobs import job

job(prune_pending_photos)
