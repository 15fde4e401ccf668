"""Linking an account as the owner of a seller profile: one service, used by
registration too; one owner per profile, never a second membership."""

import pytest
from django.core.exceptions import ValidationError

from pasardesa.sellers.models import SellerMember
from pasardesa.sellers.permissions import sellers_managed_by, sellers_owned_by
from pasardesa.sellers.services import add_seller_owner, add_seller_staff, register_seller
from tests.factories import SellerFactory, StoreFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    return SellerFactory(business_name="Kopi Alor Mama Maria")


@pytest.fixture
def maria():
    return make_user("+6281234567801", "Maria Lelang")


def roles(seller) -> list[tuple[str, str]]:
    return sorted(SellerMember.objects.filter(seller=seller).values_list("user__name", "role"))


def test_given_a_profile_without_owner_when_linked_then_the_account_owns_it(seller, maria):
    # Given a profile the operator made, with no account yet

    # When Maria's account is linked as its owner
    member = add_seller_owner(seller=seller, user=maria)

    # Then she is its owner and may run it, owner-only pages included
    assert member.role == SellerMember.Role.OWNER
    assert roles(seller) == [("Maria Lelang", "owner")]
    assert list(sellers_owned_by(maria)) == [seller]
    assert list(sellers_managed_by(maria)) == [seller]


def test_given_registration_with_an_owner_then_the_same_owner_row(maria):
    # Given a village store
    store = StoreFactory()

    # When a profile is registered with its owner
    seller = register_seller(
        store=store,
        business_name="Kenari Pesisir",
        owner_name="Maria Lelang",
        whatsapp="0812-3456-7890",
        owner=maria,
    )

    # Then the owner is linked as add_seller_owner links one
    assert roles(seller) == [("Maria Lelang", "owner")]


def test_given_an_owner_when_another_account_is_linked_then_refused(seller, maria):
    # Given Maria owns the profile
    add_seller_owner(seller=seller, user=maria)
    other = make_user("+6281234567802", "Yakob Mau")

    # When another account is linked as owner
    with pytest.raises(ValidationError) as excinfo:
        add_seller_owner(seller=seller, user=other)

    # Then it is refused and Maria stays the only owner
    assert excinfo.value.message_dict == {"user": ["Usaha ini sudah punya pemilik."]}
    assert roles(seller) == [("Maria Lelang", "owner")]
    assert not sellers_managed_by(other).exists()


def test_given_the_owner_when_linked_again_then_refused_and_one_row(seller, maria):
    # Given Maria owns the profile
    add_seller_owner(seller=seller, user=maria)

    # When she is linked a second time
    with pytest.raises(ValidationError) as excinfo:
        add_seller_owner(seller=seller, user=maria)

    # Then it is refused and there is still one membership
    assert excinfo.value.message_dict == {"user": ["Orang ini sudah ada di tim usaha ini."]}
    assert roles(seller) == [("Maria Lelang", "owner")]


def test_given_a_staff_member_when_linked_as_owner_then_refused_and_still_staff(seller, maria):
    # Given Maria owns the profile and Yakob is her staff
    add_seller_owner(seller=seller, user=maria)
    yakob = make_user("+6281234567802", "Yakob Mau")
    add_seller_staff(seller=seller, phone=yakob.phone)

    # When Yakob is linked as owner
    with pytest.raises(ValidationError):
        add_seller_owner(seller=seller, user=yakob)

    # Then nothing changes: one owner, Yakob still staff
    assert roles(seller) == [("Maria Lelang", "owner"), ("Yakob Mau", "staff")]
    assert not sellers_owned_by(yakob).exists()


def test_given_one_account_when_linked_to_two_profiles_then_owns_both(maria):
    # Given two profiles without an owner
    first, second = SellerFactory(), SellerFactory()

    # When the same account is linked to both
    add_seller_owner(seller=first, user=maria)
    add_seller_owner(seller=second, user=maria)

    # Then it owns both (one person may run several businesses)
    assert set(sellers_owned_by(maria)) == {first, second}
