"""The orders app's scheduled sweeps (see ``pasardesa.core.jobs``): an order
nobody answered in the store's time limit expires and its stock comes back;
an offer nobody answered, or an agreed price nobody ordered, lapses."""

from pasardesa.core.jobs import job
from pasardesa.orders.services import expire_offers, expire_orders

job(expire_orders)
job(expire_offers)
