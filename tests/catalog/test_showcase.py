"""A store's showcase: the produk unggulan (OVOP) and the hidden category chips."""

import pytest
from django.core.exceptions import ValidationError

from pasardesa.catalog.selectors import hidden_categories, visible_categories
from pasardesa.catalog.services import set_featured_product, set_showcase
from tests.factories import CategoryFactory, ProductFactory, SellerFactory, StoreFactory, featured

pytestmark = pytest.mark.django_db


class TestSetFeaturedProduct:
    def test_given_a_product_of_this_village_then_featured(self):
        store = StoreFactory()
        product = ProductFactory(seller=SellerFactory(store=store))

        set_featured_product(store=store, product=product)

        assert featured(store) == product

    def test_given_another_villages_product_then_refused_and_unchanged(self):
        store = StoreFactory()
        own = ProductFactory(seller=SellerFactory(store=store))
        set_featured_product(store=store, product=own)
        foreign = ProductFactory(seller=SellerFactory(store=StoreFactory()))

        with pytest.raises(ValidationError) as excinfo:
            set_featured_product(store=store, product=foreign)

        assert "penjual desa ini" in excinfo.value.messages[0]
        assert featured(store) == own

    def test_given_none_then_no_featured_product(self):
        store = StoreFactory()
        set_featured_product(store=store, product=ProductFactory(seller=SellerFactory(store=store)))

        set_featured_product(store=store, product=None)

        assert featured(store) is None


class TestSetShowcase:
    def test_given_hidden_categories_then_the_store_page_shows_the_others(self):
        # Given a store with three categories on offer
        store = StoreFactory()
        kept, hidden, also_kept = CategoryFactory(), CategoryFactory(), CategoryFactory()
        # When the operator hides one
        set_showcase(store=store, featured_product=None, hidden_categories=[hidden])
        # Then only that one is hidden, and the chips shown are the others
        assert list(hidden_categories(store)) == [hidden]
        shown = visible_categories(store)
        assert hidden not in shown
        assert kept in shown and also_kept in shown

    def test_given_a_foreign_product_then_nothing_changes(self):
        # Given a showcase that hides a category
        store = StoreFactory()
        hidden = CategoryFactory()
        set_showcase(store=store, featured_product=None, hidden_categories=[hidden])
        foreign = ProductFactory(seller=SellerFactory(store=StoreFactory()))
        # When the operator saves another village's product and no hidden category
        with pytest.raises(ValidationError) as excinfo:
            set_showcase(store=store, featured_product=foreign, hidden_categories=[])
        # Then it is refused, keyed to the field, and the hidden category stays hidden
        assert "featured_product" in excinfo.value.message_dict
        assert list(hidden_categories(store)) == [hidden]

    def test_given_a_store_without_a_showcase_then_every_category_shows(self):
        store = StoreFactory()
        category = CategoryFactory()

        assert category in visible_categories(store)
        assert featured(store) is None
