"""Bahasa Indonesia first, English under /en/; the footer switches between them."""

import pytest

from tests.demo_fixtures import (
    _language_reset,  # noqa: F401 (autouse fixture)
    page,
)
from tests.factories import ProductFactory, SellerFactory, StoreFactory, village

pytestmark = pytest.mark.django_db


def html_lang(response) -> str:
    return page(response).find_all("html")[0]["lang"]


def footer_link(response) -> dict[str, str]:
    """The language link in the footer (the one with hreflang)."""
    links = [a for a in page(response).find_all("a") if a.get("hreflang")]
    assert len(links) == 1, links
    return links[0]


@pytest.fixture
def market():
    store = StoreFactory(village=village(), slug="dulolong")
    seller = SellerFactory(store=store, slug="kopi-ibu-maria")
    return {"store": store, "seller": seller, "product": ProductFactory(seller=seller)}


def test_home_is_indonesian_and_links_to_english(client):
    # When a buyer opens the home page
    response = client.get("/")
    # Then it is Indonesian, and the footer offers English at /en/
    assert response.status_code == 200
    assert html_lang(response) == "id"
    link = footer_link(response)
    assert link["href"] == "/en/"
    assert link["hreflang"] == "en"
    assert "English" in page(response).text


def test_english_home_is_english_and_links_back(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    link = footer_link(response)
    assert link["href"] == "/"
    assert link["hreflang"] == "id"
    assert "Bahasa Indonesia" in page(response).text


def test_browser_language_does_not_change_the_unprefixed_pages(client):
    # Given a phone set to English
    # When it opens / (no prefix)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    # Then the page is still Indonesian: the URL alone decides (cacheable pages)
    assert html_lang(response) == "id"


def _page_urls(market) -> list[str]:
    return [
        "/",
        "/cari/?q=kopi&urut=termurah",
        "/wilayah/53.05/",
        market["store"].get_absolute_url(),
        market["seller"].get_absolute_url(),
        market["product"].get_absolute_url(),
    ]


def test_footer_link_switches_every_page_both_ways(client, market):
    for url in _page_urls(market):
        # When the buyer taps the footer link on an Indonesian page
        indonesian = client.get(url)
        assert html_lang(indonesian) == "id", url
        english_url = footer_link(indonesian)["href"]
        # Then they land on the same page in English
        assert english_url == "/en" + url, url
        english = client.get(english_url)
        assert english.status_code == 200, english_url
        assert html_lang(english) == "en", english_url
        # And the English page's footer link goes back to the same Indonesian page
        assert footer_link(english)["href"] == url, english_url


def test_links_inside_english_pages_stay_in_english(client, market):
    store, seller, product = (market[k].get_absolute_url() for k in ("store", "seller", "product"))
    html = page(client.get("/en" + store))
    assert "/en" + product in html.hrefs()
    assert "/en" + seller in html.hrefs()
