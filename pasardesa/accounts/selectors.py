from dataclasses import dataclass, field

from pasardesa.accounts.models import User
from pasardesa.regions.models import RegionAdmin
from pasardesa.sellers.models import SellerMember
from pasardesa.stores.models import StoreMember


@dataclass
class Roles:
    sellers: list = field(default_factory=list)
    operated_stores: list = field(default_factory=list)
    courier_stores: list = field(default_factory=list)
    regions: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.sellers or self.operated_stores or self.courier_stores or self.regions)


def roles_of(user: User) -> Roles:
    """Every role a person holds, in four queries."""
    store_roles = list(StoreMember.objects.filter(user=user).select_related("store__village"))
    return Roles(
        sellers=[
            m.seller for m in SellerMember.objects.filter(user=user).select_related("seller__store")
        ],
        operated_stores=[m.store for m in store_roles if m.role == StoreMember.Role.OPERATOR],
        courier_stores=[m.store for m in store_roles if m.role == StoreMember.Role.COURIER],
        regions=[a.region for a in RegionAdmin.objects.filter(user=user).select_related("region")],
    )
