"""An order from cart to completion, across two sellers of Dulolong.

Given the demo market on a live server, when a buyer on a phone puts a product
of each of two Dulolong sellers in the cart from their product pages and checks
out with COD, then the confirmation shows two orders, each with a "Kirim ke
WhatsApp penjual" link whose text names its order number. When one seller logs
in and takes their order from new to completed with the buttons of the order
page, then the buyer's private tracking page shows every step, in order.
"""

import re
from urllib.parse import urlsplit

import pytest

from tests.e2e.phone import assert_fits_phone, log_in, whatsapp_text

pytestmark = pytest.mark.e2e

# The demo accounts of the first two Dulolong sellers (see pasardesa.demo).
SELLER_PHONES = ("0811-3800-0002", "0811-3800-0003")
VILLAGE_CODE = "53.05.02.2006"  # Desa Dulolong
STEPS = ("Terima pesanan", "Siap diambil/dikirim", "Sudah diserahkan", "Selesai")
HISTORY = [
    "Menunggu jawaban penjual",
    "Diterima penjual",
    "Siap diambil/dikirim",
    "Sudah diserahkan",
    "Selesai",
]


@pytest.fixture
def open_sellers(open_market) -> list[dict]:
    """The two demo sellers' names and pages, open whatever the day and hour
    (``open_market`` drops the opening hours; their switch is set on here).
    Done with the ORM *before* the browser starts (request this fixture
    first; see tests/e2e/conftest.py)."""
    from pasardesa.core.phones import normalize_phone
    from pasardesa.sellers.models import Seller

    sellers = []
    for phone in SELLER_PHONES:
        seller = Seller.objects.get(members__user__phone=normalize_phone(phone))
        Seller.objects.filter(pk=seller.pk).update(is_open=True)
        sellers.append(
            {"phone": phone, "name": seller.business_name, "url": f"/penjual/{seller.slug}/"}
        )
    return sellers


def add_one_to_cart(page, base: str, seller: dict) -> str:
    """From the seller's public page, open their products until one can go in
    the cart (in stock), add 1 of it; return the product's name."""
    page.goto(base + seller["url"])
    links = page.locator("main li.card > a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert hrefs, f"{seller['name']} shows no products"
    for href in hrefs:
        page.goto(base + href)
        add = page.get_by_role("button", name="Masukkan keranjang")
        if add.count():
            break
    else:
        pytest.fail(f"no product of {seller['name']} can be put in the cart")
    name = page.locator("main h1").inner_text().strip()
    assert_fits_phone(page)
    with page.expect_navigation():
        add.click()
    # Back on the product page, which says it went in and counts it in the header
    assert urlsplit(page.url).path == urlsplit(href).path
    assert "Ditambahkan ke keranjang" in page.locator("main [role=status]").inner_text()
    assert page.locator("header b.n").count() == 1
    return name


def test_two_sellers_cod_order_then_one_seller_completes_it(
    open_sellers, new_phone_context, demo_market
):
    from pasardesa.demo.loader import DEMO_PASSWORD

    base = demo_market
    buyer = new_phone_context().new_page()

    # Given a buyer who puts a product of each of two Dulolong sellers in the cart
    products = [add_one_to_cart(buyer, base, seller) for seller in open_sellers]
    buyer.goto(f"{base}/keranjang/")
    cart = buyer.locator("main")
    for seller, name in zip(open_sellers, products, strict=True):
        assert cart.get_by_role("heading", name=seller["name"]).count() == 1
        assert cart.get_by_role("link", name=name).count() == 1

    # When they check out with COD
    with buyer.expect_navigation():
        buyer.get_by_role("link", name="Lanjut ke pemesanan").click()
    assert urlsplit(buyer.url).path == "/pesan/"
    assert_fits_phone(buyer)
    cod = buyer.get_by_label("Bayar di tempat (COD)")
    assert cod.count() == 2
    for index in range(2):
        cod.nth(index).check()
    buyer.get_by_label("Nama Anda").fill("Yohanis Maro")
    buyer.get_by_label("Nomor WhatsApp").fill("0813-3800-1234")
    buyer.get_by_label("Alamat (jalan, patokan rumah)").fill("Jalan Pantai, rumah cat biru")
    # (their sellers' village, Dulolong, is already picked)
    assert buyer.locator(f"input[name=village][value='{VILLAGE_CODE}']").is_checked()
    with buyer.expect_navigation():
        buyer.get_by_role("button", name="Pesan sekarang").click()

    # Then the confirmation shows one order per seller, each with its WhatsApp link
    assert "/pesan/selesai/" in buyer.url, buyer.locator("main").inner_text()
    assert_fits_phone(buyer)
    orders = {}
    for seller in open_sellers:
        section = buyer.locator("main section").filter(
            has=buyer.get_by_role("heading", name=seller["name"])
        )
        assert section.count() == 1, seller["name"]
        number = section.locator("b").first.inner_text().strip()
        assert re.fullmatch(r"[A-Z0-9-]{4,16}", number), number
        wa = section.get_by_role("link", name="Kirim ke WhatsApp penjual")
        text = whatsapp_text(wa.get_attribute("href"))
        assert number in text, text
        tracking = section.locator("a[href*='/pesanan/']").get_attribute("href")
        # (the seller's message leads to their dashboard, never to the buyer's link)
        assert re.search(rf"/kelola/penjual/\d+/pesanan/{number}/", text), text
        assert tracking not in text, text
        orders[seller["name"]] = {"number": number, "tracking": tracking}
    assert len({o["number"] for o in orders.values()}) == 2

    # When the first seller logs in on their phone and opens the orders inbox
    seller = open_sellers[0]
    order = orders[seller["name"]]
    shop = new_phone_context().new_page()
    log_in(shop, base, seller["phone"], DEMO_PASSWORD)
    shop.goto(f"{base}/kelola/")
    with shop.expect_navigation():
        shop.get_by_role("link", name=seller["name"]).click()
    with shop.expect_navigation():
        # (the link says how many new orders wait: "Pesanan 1 baru")
        shop.locator("main").get_by_role("link", name="Pesanan 1 baru", exact=True).click()
    assert re.search(r"/kelola/penjual/\d+/pesanan/$", shop.url), shop.url
    assert_fits_phone(shop)
    # (only their own order is there, not the other seller's)
    assert orders[open_sellers[1]["name"]]["number"] not in shop.locator("main").inner_text()
    with shop.expect_navigation():
        shop.get_by_role("link", name=order["number"]).click()

    # And takes it step by step to completed, with the buttons of the order page
    for step, status in zip(STEPS, HISTORY[1:], strict=True):
        with shop.expect_navigation():
            shop.get_by_role("button", name=step, exact=True).click()
        main = shop.locator("main")
        assert f'Pesanan {order["number"]} sekarang "{status}".' in main.inner_text()
        assert main.locator("span.tag").first.inner_text().strip() == status
    assert shop.locator("main form button").count() == 0  # nothing left to do
    assert_fits_phone(shop)

    # Then the buyer's tracking link shows every step, in order
    buyer.goto(order["tracking"])
    main = buyer.locator("main")
    assert order["number"] in main.get_by_role("heading", level=1).inner_text()
    assert "Selesai" in main.locator("p", has_text="Status").inner_text()
    events = [text.strip() for text in main.locator("ol li > b").all_inner_texts()]
    assert events == HISTORY
    assert buyer.get_by_role("button", name="Batalkan pesanan").count() == 0
    assert_fits_phone(buyer)
