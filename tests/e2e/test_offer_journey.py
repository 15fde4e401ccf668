"""Bargaining (tawar) from the product page to an order at the agreed price.

Given the demo market with its sellers open at any hour, and a negotiable
product of a demo seller, when a buyer on a phone without JavaScript offers
about 80% of the price for 2 units, then their offer page waits for the seller
and has a WhatsApp link naming the product. When the seller logs in and
counters from their "Tawaran" inbox, then the buyer's offer page shows the
counter; the buyer accepts it, orders at that price and checks out with COD,
and the confirmation shows the agreed line total. Then the buyer's offer page
says it was ordered and links the order, and the seller's offer page names it.
"""

import re
from urllib.parse import urlsplit

import pytest
from PIL import Image

from tests.e2e.phone import (
    PHONE_WIDTH,
    assert_fits_phone,
    click_and_wait,
    log_in,
    rupiah,
    whatsapp_text,
)

pytestmark = pytest.mark.e2e

QUANTITY = 2
# The demo sellers' accounts (see pasardesa.demo and the README).
SELLER_PHONES = ("0811-3800-0002", "0811-3800-0003", "0811-3800-0004")
VILLAGE_NAME = "Dulolong"
VILLAGE_CODE = "53.05.02.2006"  # Desa Dulolong


@pytest.fixture
def negotiable_product(open_market) -> dict:
    """A negotiable, public product of a demo seller, with the seller open and
    at least 2 in stock; its URL, name, sale price and the seller's account.

    Found and prepared with the ORM *before* the browser starts (request this
    fixture before ``new_phone_context``; see tests/e2e/conftest.py).
    """
    from pasardesa.catalog.models import Product
    from pasardesa.core.phones import normalize_phone
    from pasardesa.sellers.models import Seller

    for phone in SELLER_PHONES:
        seller = Seller.objects.get(members__user__phone=normalize_phone(phone))
        product = (
            Product.objects.filter(seller=seller, is_negotiable=True, status=Product.Status.ACTIVE)
            .order_by("pk")
            .first()
        )
        if product is not None:
            break
    else:
        pytest.fail(f"no demo seller of {SELLER_PHONES} has a negotiable product")
    Seller.objects.filter(pk=seller.pk).update(is_open=True)
    if product.stock is not None and product.stock < QUANTITY:
        Product.objects.filter(pk=product.pk).update(stock=QUANTITY + 3)
    product.refresh_from_db()
    price = product.sale_price_idr
    offer = price * 8 // 10 // 100 * 100  # about 80%, in whole hundreds
    counter = (offer + price) // 2 // 100 * 100
    assert 0 < offer < counter < price, (offer, counter, price)
    return {
        "url": product.get_absolute_url(),
        "name": product.name,
        "price": price,
        "offer": offer,
        "counter": counter,
        "seller_phone": phone,
        "seller_name": seller.business_name,
    }


def test_buyer_bargains_seller_counters_buyer_orders_at_agreed_price(
    negotiable_product, new_phone_context, demo_market, screenshot_dir
):
    from pasardesa.demo.loader import DEMO_PASSWORD

    base = demo_market
    product = negotiable_product
    buyer = new_phone_context(java_script_enabled=False).new_page()

    # When a buyer without JavaScript opens the product and taps "Tawar harga"
    buyer.goto(base + product["url"])
    assert buyer.locator("main h1").inner_text().strip() == product["name"]
    assert "Bisa ditawar" in buyer.locator("main").inner_text()
    assert_fits_phone(buyer)
    click_and_wait(buyer, buyer.get_by_role("link", name="Tawar harga", exact=True))
    assert re.search(r"/tawar/\d+/$", buyer.url), buyer.url
    assert buyer.get_by_role("heading", level=1).inner_text().strip() == "Tawar harga"
    assert rupiah(product["price"]) in buyer.locator("main .box").first.inner_text()
    assert_fits_phone(buyer)

    # And offers about 80% of the price for 2, with their name and WhatsApp number
    form = buyer.locator("main form.form")
    form.get_by_label("Harga tawaran per satuan (Rp)").fill(
        rupiah(product["offer"]).removeprefix("Rp")
    )
    form.get_by_label("Jumlah", exact=True).fill(str(QUANTITY))
    form.get_by_label("Nama Anda").fill("Yohanis Maro")
    form.get_by_label("Nomor WhatsApp").fill("0813-3800-1234")
    click_and_wait(buyer, form.get_by_role("button", name="Kirim tawaran"))

    # Then the offer page waits for the seller, with a WhatsApp link naming the product
    assert re.search(r"/tawaran/[^/]+/$", buyer.url), buyer.locator("main").inner_text()
    offer_url = buyer.url
    main = buyer.locator("main")
    heading = main.get_by_role("heading", level=1).inner_text().strip()
    number = heading.removeprefix("Tawaran").strip()
    assert re.fullmatch(r"TW-[A-Z0-9-]+", number), heading
    assert "Menunggu jawaban penjual" in main.inner_text()
    assert main.locator("span.tag").first.inner_text().strip() == "Menunggu jawaban penjual"
    assert f"Tawaran pembeli: {rupiah(product['offer'])}" in main.inner_text()
    wa = main.get_by_role("link", name="Kabari penjual lewat WhatsApp")
    text = whatsapp_text(wa.get_attribute("href"))
    assert product["name"] in text, text
    assert number in text, text
    assert rupiah(product["offer"]) in text, text
    assert offer_url not in text, text  # the buyer's private link stays private
    assert_fits_phone(buyer)

    # When the seller logs in (JavaScript on) and opens "Tawaran" from their dashboard
    shop = new_phone_context().new_page()
    log_in(shop, base, product["seller_phone"], DEMO_PASSWORD)
    shop.goto(f"{base}/kelola/")
    click_and_wait(shop, shop.get_by_role("link", name=product["seller_name"]))
    # (the link also says how many offers wait: "Tawaran 2 menunggu")
    offers_link = shop.locator("main").get_by_role("link", name=re.compile(r"^Tawaran\b"))
    assert re.fullmatch(r"Tawaran \d+ menunggu", offers_link.inner_text().strip())
    click_and_wait(shop, offers_link)
    assert re.search(r"/kelola/penjual/\d+/tawaran/$", shop.url), shop.url
    assert_fits_phone(shop)
    click_and_wait(shop, shop.locator("main").get_by_role("link", name=number))
    assert re.search(rf"/kelola/penjual/\d+/tawaran/{re.escape(number)}/$", shop.url), shop.url
    seller_offer_url = shop.url
    assert "Yohanis Maro" in shop.locator("main").inner_text()
    assert_fits_phone(shop)

    # And counters with a price between the buyer's offer and the sale price
    shop.get_by_label("Harga per satuan (Rp)").fill(rupiah(product["counter"]).removeprefix("Rp"))
    click_and_wait(shop, shop.get_by_role("button", name="Tawar balik", exact=True))
    main = shop.locator("main")
    assert f'Tawaran {number} sekarang "Penjual menawar balik".' in main.inner_text()
    assert f"Harga dari penjual: {rupiah(product['counter'])}" in main.inner_text()
    assert_fits_phone(shop)

    # Then the buyer's offer page, reloaded, shows the seller's price
    buyer.goto(offer_url)
    main = buyer.locator("main")
    assert main.locator("span.tag").first.inner_text().strip() == "Penjual menawar balik"
    assert f"Harga dari penjual: {rupiah(product['counter'])}" in main.inner_text()
    assert_fits_phone(buyer)

    # When the buyer accepts the seller's price and orders at it
    accept = buyer.get_by_role("button", name=f"Terima harga penjual {rupiah(product['counter'])}")
    click_and_wait(buyer, accept)
    main = buyer.locator("main")
    assert main.locator("span.tag").first.inner_text().strip() == "Harga disepakati"
    assert f"Harga sepakat: {rupiah(product['counter'])}" in main.inner_text()
    click_and_wait(buyer, buyer.get_by_role("button", name="Pesan dengan harga ini"))

    # Then the checkout shows the offer's price
    assert urlsplit(buyer.url).path == "/pesan/", buyer.locator("main").inner_text()
    total = rupiah(product["counter"] * QUANTITY)
    line = buyer.locator("main form#pesan li").filter(has_text=product["name"])
    assert line.count() == 1, buyer.locator("main").inner_text()
    assert (
        line.inner_text().strip()
        == f"{QUANTITY} × {product['name']} @ {rupiah(product['counter'])} = {total} Harga tawaran"
    )
    assert_fits_phone(buyer)

    # When they fill in their details, then search their village by name
    buyer.get_by_label("Bayar di tempat (COD)").check()
    buyer.get_by_label("Nama Anda").fill("Yohanis Maro")
    buyer.get_by_label("Nomor WhatsApp").fill("0813-3800-1234")
    buyer.get_by_label("Cari desa lain").fill(VILLAGE_NAME)
    click_and_wait(buyer, buyer.get_by_role("button", name="Cari", exact=True).last)
    # Then what they typed is still there, and the village is offered by its full name
    assert buyer.get_by_label("Nama Anda").input_value() == "Yohanis Maro"
    assert buyer.get_by_label("Nomor WhatsApp").input_value() == "0813-3800-1234"
    buyer.get_by_label("Desa Dulolong, Kec. Alor Barat Laut, Kab. Alor").check()
    # (still the offer's price after the village search)
    assert "Harga tawaran" in buyer.locator("main form#pesan").inner_text()
    buyer.get_by_label("Alamat (jalan, patokan rumah)").fill("Jalan Pantai, rumah cat biru")
    assert_fits_phone(buyer)
    click_and_wait(buyer, buyer.get_by_role("button", name="Pesan sekarang"))

    # Then the confirmation shows the order with the agreed line total
    assert "/pesan/selesai/" in buyer.url, buyer.locator("main").inner_text()
    section = buyer.locator("main section").filter(
        has=buyer.get_by_role("heading", name=product["seller_name"])
    )
    assert section.count() == 1, buyer.locator("main").inner_text()
    order_number = section.locator("b").first.inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9-]{4,16}", order_number), order_number
    receipt = section.inner_text()
    assert f"{QUANTITY} × {product['name']} = {total}" in receipt, receipt
    assert f"Jumlah: {total}" in receipt, receipt
    assert "Bayar di tempat (COD)" in receipt, receipt
    tracking = section.locator("a[href*='/pesanan/']").get_attribute("href")
    assert_fits_phone(buyer)

    # Then the buyer's offer page says it was ordered and links the order
    buyer.goto(offer_url)
    main = buyer.locator("main")
    assert main.locator("span.tag").first.inner_text().strip() == "Sudah dipesan"
    order_link = main.get_by_role("link", name=order_number, exact=True)
    assert urlsplit(order_link.get_attribute("href")).path == urlsplit(tracking).path
    assert buyer.get_by_role("button", name="Pesan dengan harga ini").count() == 0
    assert_fits_phone(buyer)
    png = screenshot_dir / "offer-360.png"
    buyer.screenshot(path=png, full_page=True)
    with Image.open(png) as image:
        assert image.width == PHONE_WIDTH, image.size
    click_and_wait(buyer, order_link)
    assert order_number in buyer.get_by_role("heading", level=1).inner_text()

    # And the seller's offer page names the order
    shop.goto(seller_offer_url)
    main = shop.locator("main")
    assert main.locator("span.tag").first.inner_text().strip() == "Sudah dipesan"
    assert main.get_by_role("link", name=order_number, exact=True).count() == 1
    assert shop.locator("main form button").count() == 0  # nothing left to answer
    assert_fits_phone(shop)
