"""The seller's transfer account (/kelola/penjual/<id>/rekening/): the owner
sets it, staff cannot, the number is read however it is written, and the
database keeps it whole."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.sellers.services import set_bank_account
from tests.demo_fixtures import page
from tests.factories import SellerFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    return SellerFactory(business_name="Kopi Ibu Maria")


@pytest.fixture
def owner(seller):
    user = make_user("0812-3456-7801", "Maria Lelang")
    SellerMember.objects.create(seller=seller, user=user, role=SellerMember.Role.OWNER)
    return user


def account_of(seller: Seller) -> tuple[str, str, str]:
    return tuple(
        Seller.objects.values_list("bank_name", "bank_account_number", "bank_account_holder").get(
            pk=seller.pk
        )
    )


class TestSettingTheAccount:
    @pytest.mark.parametrize(
        "typed",
        ["012301000123456", "0123-0100-0123-456", "0123 0100 0123 456", "0123.0100.0123.456"],
    )
    def test_the_number_is_kept_as_digits_however_it_is_written(self, seller, typed):
        set_bank_account(
            seller=seller, bank_name=" BRI ", account_number=typed, account_holder="Maria  Lelang"
        )
        assert account_of(seller) == ("BRI", "012301000123456", "Maria Lelang")
        assert seller.bank_account_display == "BRI 0123 0100 0123 456 a.n. Maria Lelang"

    def test_all_three_empty_removes_it(self, seller):
        set_bank_account(seller=seller, bank_name="BRI", account_number="12345", account_holder="M")
        set_bank_account(seller=seller, bank_name="", account_number="", account_holder="")
        assert account_of(seller) == ("", "", "")
        assert not Seller.objects.get(pk=seller.pk).has_bank_account

    @pytest.mark.parametrize(
        ("fields", "errors"),
        [
            ({"bank_name": ""}, {"bank_name"}),
            ({"account_holder": ""}, {"account_holder"}),
            ({"account_number": ""}, {"account_number"}),
            ({"account_number": "1234"}, {"account_number"}),
            ({"account_number": "1" * 21}, {"account_number"}),
            ({"account_number": "0123-45O7"}, {"account_number"}),  # letter O for zero
            ({"account_number": "١٢٣٤٥٦"}, {"account_number"}),  # not ASCII digits
            ({"bank_name": "B" * 41}, {"bank_name"}),
            ({"bank_name": "", "account_holder": ""}, {"bank_name", "account_holder"}),
        ],
    )
    def test_half_an_account_is_refused_and_nothing_changes(self, seller, fields, errors):
        # Given an account on file
        set_bank_account(seller=seller, bank_name="BRI", account_number="12345", account_holder="M")
        # When a part is missing or wrong
        good = {"bank_name": "BNI", "account_number": "987654321", "account_holder": "Maria"}
        with pytest.raises(ValidationError) as caught:
            set_bank_account(seller=seller, **(good | fields))
        # Then each bad field is named and the old account stays
        assert set(caught.value.message_dict) == errors
        assert account_of(seller) == ("BRI", "12345", "M")

    def test_the_database_refuses_half_an_account(self, seller):
        for fields in (
            {"bank_name": "BRI"},
            {"bank_name": "BRI", "bank_account_number": "12345"},
            {"bank_name": "BRI", "bank_account_number": "12-345", "bank_account_holder": "M"},
        ):
            with pytest.raises(IntegrityError), transaction.atomic():
                Seller.objects.filter(pk=seller.pk).update(**fields)


class TestTheAccountPage:
    def test_the_owner_sets_it_and_the_dashboard_stops_asking(self, client, seller, owner):
        client.force_login(owner)
        home = reverse("kelola:seller_home", args=[seller.pk])
        assert "Rekening belum ada" in page(client.get(home)).text
        assert reverse("sellers:bank", args=[seller.pk]) in page(client.get(home)).hrefs()
        # When the owner saves an account on its page
        url = reverse("sellers:bank", args=[seller.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url,
            {"bank_name": "BRI", "account_number": "0123 4567 8901", "account_holder": "Maria"},
            follow=True,
        )
        # Then it is stored and the dashboard says buyers can transfer
        assert account_of(seller) == ("BRI", "012345678901", "Maria")
        assert "Rekening disimpan: pembeli bisa memilih transfer." in page(response).text
        assert "belum ada" not in page(client.get(home)).text

    def test_a_bad_number_comes_back_with_the_input_and_a_plain_message(
        self, client, seller, owner
    ):
        client.force_login(owner)
        url = reverse("sellers:bank", args=[seller.pk])
        response = client.post(
            url, {"bank_name": "BRI", "account_number": "12ab", "account_holder": "Maria"}
        )
        assert response.status_code == 200
        html = page(response)
        assert "Nomor rekening berisi 5 sampai 20 angka." in html.text
        assert html.find_all("input", name="account_number", value="12ab")
        assert account_of(seller) == ("", "", "")

    def test_staff_cannot_see_or_change_where_the_money_goes(self, client, seller):
        # Given a staff member (products yes, money no)
        staff = make_user("0812-3456-7802", "Staf Toko")
        SellerMember.objects.create(seller=seller, user=staff, role=SellerMember.Role.STAFF)
        set_bank_account(seller=seller, bank_name="BRI", account_number="12345", account_holder="M")
        client.force_login(staff)
        url = reverse("sellers:bank", args=[seller.pk])
        # When they open or post the account page, then it is not there for them
        assert client.get(url).status_code == 404
        client.post(url, {"bank_name": "X", "account_number": "99999", "account_holder": "Staf"})
        assert account_of(seller) == ("BRI", "12345", "M")
        # And the dashboard does not link it
        home = page(client.get(reverse("kelola:seller_home", args=[seller.pk])))
        assert url not in home.hrefs()
