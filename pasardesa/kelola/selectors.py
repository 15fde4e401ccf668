"""Reads of the back-office pages that span several apps: who holds which
role, the operator's tiles, the regional admin's store list, and the people an
operator may send a password link to."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from pasardesa.accounts.models import User
from pasardesa.catalog.models import Product, for_sale
from pasardesa.orders.models import Checkout, Offer
from pasardesa.regions.models import Region, RegionAdmin, in_region
from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.stores.models import Store, StoreMember


@dataclass
class Roles:
    sellers: list = field(default_factory=list)
    operated_stores: list = field(default_factory=list)
    courier_stores: list = field(default_factory=list)
    regions: list = field(default_factory=list)
    treasurer_stores: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.sellers
            or self.operated_stores
            or self.courier_stores
            or self.regions
            or self.treasurer_stores
        )


def roles_of(user: User) -> Roles:
    """Every role a person holds, in four queries."""
    store_roles = list(StoreMember.objects.filter(user=user).select_related("store__village"))
    return Roles(
        sellers=[
            m.seller for m in SellerMember.objects.filter(user=user).select_related("seller__store")
        ],
        operated_stores=[m.store for m in store_roles if m.role == StoreMember.Role.OPERATOR],
        courier_stores=[m.store for m in store_roles if m.role == StoreMember.Role.COURIER],
        treasurer_stores=[m.store for m in store_roles if m.role == StoreMember.Role.TREASURER],
        regions=[a.region for a in RegionAdmin.objects.filter(user=user).select_related("region")],
    )


def dashboard_counts(store: Store, *, now: datetime.datetime | None = None) -> dict[str, int]:
    """The tiles of the operator's dashboard, in two queries."""
    week_ago = (now or timezone.now()) - datetime.timedelta(days=7)
    S = Seller.Status
    counts = Seller.objects.filter(store=store).aggregate(
        pending=Count("id", filter=Q(status=S.PENDING)),
        verified=Count("id", filter=Q(status=S.VERIFIED)),
        rejected=Count("id", filter=Q(status=S.REJECTED)),
        suspended=Count("id", filter=Q(status=S.SUSPENDED)),
        new_sellers=Count("id", filter=Q(created_at__gte=week_ago)),
    )
    counts.update(
        Product.objects.filter(seller__store=store).aggregate(
            public_products=Count("id", filter=for_sale()),
            blocked_products=Count("id", filter=Q(status=Product.Status.BLOCKED)),
            new_products=Count("id", filter=Q(created_at__gte=week_ago)),
        )
    )
    return counts


def region_stores(region: Region) -> QuerySet[Store]:
    """Every store beneath ``region`` (closed ones too) with its counts."""
    S = Seller.Status
    return (
        Store.objects.filter(in_region(region.code, "village__"))
        .select_related("village__parent")
        .annotate(
            verified_sellers=Count("sellers", filter=Q(sellers__status=S.VERIFIED), distinct=True),
            pending_sellers=Count("sellers", filter=Q(sellers__status=S.PENDING), distinct=True),
            public_products=Count(
                "sellers__products", filter=for_sale("sellers__products__"), distinct=True
            ),
        )
        .order_by("name", "id")
    )


def reset_link_people(store: Store, *, actor) -> QuerySet[User]:
    """People an operator of ``store`` may give a password reset link to.

    A reset link hands the account to whoever sends it, so it is offered only
    where the person agreed to this store: members who accepted an invitation
    of the store (``StoreMember.invitation``) and owners of its sellers (who
    registered here themselves). Never seller staff (their owner adds them
    without asking), and, unless the actor is a platform superuser, never
    people who hold a role anywhere else (another store's team or seller, a
    region, platform staff) or who ever ordered or bargained with the
    account: a reset would hand over their other roles, or their orders,
    addresses and phone numbers. Those go to the platform's staff.
    """
    people = User.objects.filter(
        Q(store_roles__store=store, store_roles__invitation__isnull=False)
        | Q(seller_roles__seller__store=store, seller_roles__role=SellerMember.Role.OWNER),
        is_active=True,
    )
    if not getattr(actor, "is_superuser", False):
        people = (
            people.exclude(is_staff=True)
            .exclude(is_superuser=True)
            .exclude(region_roles__isnull=False)
            .exclude(store_roles__in=StoreMember.objects.exclude(store=store))
            .exclude(seller_roles__in=SellerMember.objects.exclude(seller__store=store))
            .exclude(Exists(Checkout.objects.filter(buyer=OuterRef("pk"))))
            .exclude(Exists(Offer.objects.filter(buyer=OuterRef("pk"))))
        )
    return people.distinct()
