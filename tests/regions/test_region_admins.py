"""Appointing an admin wilayah (a kabupaten or provinsi office): one service,
one row per region and person, never below the kabupaten."""

import pytest
from django.core.exceptions import ValidationError

from pasardesa.regions.models import Region, RegionAdmin
from pasardesa.regions.services import appoint_region_admin
from pasardesa.stores.permissions import can_administer_region, stores_in_administered_regions
from tests.factories import StoreFactory, make_user, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def dulolong() -> Region:
    return village()


@pytest.fixture
def dinas():
    return make_user("+6281138009001", "Dinas PMD Alor")


def test_given_a_kabupaten_when_appointed_then_the_office_sees_the_stores_beneath(dulolong, dinas):
    # Given a store in Dulolong, Kabupaten Alor
    store = StoreFactory(village=dulolong)
    alor = Region.objects.get(code="53.05")

    # When the district office is appointed for Kabupaten Alor
    admin = appoint_region_admin(region=alor, user=dinas)

    # Then one row says so, and the office may look after Dulolong and its store
    assert list(RegionAdmin.objects.values_list("region_id", "user_id")) == [("53.05", dinas.pk)]
    assert admin.pk is not None
    assert can_administer_region(dinas, dulolong)
    assert list(stores_in_administered_regions(dinas)) == [store]


def test_given_a_provinsi_when_appointed_then_allowed(dulolong, dinas):
    # Given the provinsi above Dulolong
    ntt = Region.objects.get(code="53")

    # When a provincial office is appointed there
    appoint_region_admin(region=ntt, user=dinas)

    # Then it administers the whole province down to the village
    assert can_administer_region(dinas, dulolong)


def test_given_an_admin_already_when_appointed_again_then_refused_and_one_row(dulolong, dinas):
    # Given the office is already admin of Kabupaten Alor
    alor = Region.objects.get(code="53.05")
    appoint_region_admin(region=alor, user=dinas)

    # When someone appoints it a second time
    with pytest.raises(ValidationError) as excinfo:
        appoint_region_admin(region=alor, user=dinas)

    # Then it is refused with a message naming the region, and the row stays single
    assert excinfo.value.message_dict == {
        "user": ["Orang ini sudah menjadi admin wilayah Kabupaten Alor."]
    }
    assert RegionAdmin.objects.count() == 1


def test_given_one_office_when_appointed_to_two_regions_then_two_rows(dinas):
    # Given two kabupaten, and a second person for the first one
    village()
    village("53.71.01.1001", "Alak")
    colleague = make_user("+6281138009002", "Staf Dinas")

    # When the office is appointed to both, and the colleague to the first
    appoint_region_admin(region=Region.objects.get(code="53.05"), user=dinas)
    appoint_region_admin(region=Region.objects.get(code="53.71"), user=dinas)
    appoint_region_admin(region=Region.objects.get(code="53.05"), user=colleague)

    # Then each appointment is its own row
    assert RegionAdmin.objects.filter(user=dinas).count() == 2
    assert RegionAdmin.objects.filter(region_id="53.05").count() == 2


@pytest.mark.parametrize("code", ["53.05.02", "53.05.02.2006"])
def test_given_a_kecamatan_or_desa_when_appointed_then_refused(dulolong, dinas, code):
    # Given a region below the kabupaten
    region = Region.objects.get(code=code)

    # When someone tries to appoint an admin wilayah there
    with pytest.raises(ValidationError) as excinfo:
        appoint_region_admin(region=region, user=dinas)

    # Then it is refused under "region" and nothing is written
    assert "region" in excinfo.value.message_dict
    assert not RegionAdmin.objects.exists()
