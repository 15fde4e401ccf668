"""The rekening bersama from payment to payout, every page with JavaScript off.

Given the demo market, when a buyer orders from a Dulolong seller to be paid
through the village's rekening bersama, pays by QRIS and says so, the
treasurer confirms the money, the seller hands the goods over, the buyer
complains about a damaged item, the seller disagrees, the operator grants a
partial refund that both sides accept, the buyer says where the refund goes
and the treasurer pays the refund and the seller's payout, then every page
says where the money is and the books balance (``check_ledger``'s proof).
"""

import re
import threading
from urllib.parse import urlsplit

import pytest

from tests.e2e.phone import assert_fits_phone, log_in, rupiah

pytestmark = pytest.mark.e2e

SELLER_PHONE = "0811-3800-0002"  # owner of Tenun Ikat Bunga Laut, Dulolong
OPERATOR_PHONE = "0811-3800-0001"
TREASURER_PHONE = "0811-3800-0008"
BUYER = ("Yohanis Maro", "0813-3800-1234")
REFUND_ACCOUNT = "BRI 0123456789 a.n. Yohanis Maro"


@pytest.fixture
def escrow_seller(open_market) -> dict:
    """The seller, their store and one product of theirs in stock; read with the
    ORM before the browser starts (see tests/e2e/conftest.py)."""
    from pasardesa.catalog.models import Product
    from pasardesa.core.phones import normalize_phone
    from pasardesa.sellers.models import Seller

    seller = Seller.objects.select_related("store").get(
        members__user__phone=normalize_phone(SELLER_PHONE)
    )
    Seller.objects.filter(pk=seller.pk).update(is_open=True)
    product = Product.objects.for_sale().filter(seller=seller, stock__gte=1).order_by("pk").first()
    return {
        "pk": seller.pk,
        "name": seller.business_name,
        "store": seller.store.slug,
        "product": product.get_absolute_url(),
    }


def ledger_problems_now() -> list[str]:
    """``check_ledger``'s proof, from a thread of its own: the browser's event
    loop runs in the test's thread, where Django refuses the ORM."""
    from django.db import connection

    from pasardesa.payments.selectors import ledger_problems

    found: list = []

    def run():
        try:
            found.extend(ledger_problems())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return found


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).first.click()


def test_escrow_order_paid_by_qris_complained_split_refunded_and_paid_out(
    escrow_seller, new_phone_context, demo_market
):
    from pasardesa.demo.loader import DEMO_PASSWORD

    base = demo_market
    buyer = new_phone_context(java_script_enabled=False).new_page()

    # Given a buyer who puts one of the seller's products in the cart
    buyer.goto(base + escrow_seller["product"])
    submit(buyer, "Masukkan keranjang")
    buyer.goto(f"{base}/pesan/")
    # When they choose the village's rekening bersama and pick the goods up
    buyer.get_by_label("Rekening bersama desa").check()
    buyer.get_by_label("Ambil sendiri").check()
    buyer.get_by_label("Nama Anda").fill(BUYER[0])
    buyer.get_by_label("Nomor WhatsApp").fill(BUYER[1])
    submit(buyer, "Pesan sekarang")
    assert "/pesan/selesai/" in buyer.url, buyer.locator("main").inner_text()
    number = buyer.locator("main section b").first.inner_text().strip()
    tracking = urlsplit(buyer.locator("main a[href*='/pesanan/']").first.get_attribute("href")).path

    # Then the payment page asks for an exact amount, with a QRIS to scan
    with buyer.expect_navigation():
        buyer.get_by_role("link", name="Bayar sekarang").first.click()
    main = buyer.locator("main")
    assert main.locator("svg").count() >= 1
    amount_text = re.search(r"Rp[\d.]+", main.locator("text=/tepat Rp/").first.inner_text())[0]
    assert buyer.get_by_role("link", name="Simpan gambar QR").count() == 1
    assert_fits_phone(buyer)
    submit(buyer, "Saya sudah bayar")

    # When the treasurer sees it waiting and confirms the money arrived
    treasurer = new_phone_context(java_script_enabled=False).new_page()
    log_in(treasurer, base, TREASURER_PHONE, DEMO_PASSWORD)
    treasurer.goto(f"{base}/kelola/toko/{escrow_seller['store']}/bendahara/dana-masuk/")
    box = treasurer.locator("main .box").filter(has_text=number)
    assert amount_text in box.inner_text()
    assert "pembeli bilang sudah bayar" in box.inner_text()
    with treasurer.expect_navigation():
        box.get_by_role("button", name="Dana sudah masuk").click()
    assert_fits_phone(treasurer)

    # Then the buyer reads that the money is safe with the village
    buyer.goto(base + tracking)
    assert "Dana Anda aman di rekening bersama" in buyer.locator("main").inner_text()

    # When the seller accepts, readies and hands the goods over
    shop = new_phone_context(java_script_enabled=False).new_page()
    log_in(shop, base, SELLER_PHONE, DEMO_PASSWORD)
    shop.goto(f"{base}/kelola/penjual/{escrow_seller['pk']}/pesanan/{number}/")
    assert "Dana aman di rekening bersama, silakan kirim" in shop.locator("main").inner_text()
    for step in ("Terima pesanan", "Siap diambil/dikirim", "Sudah diserahkan"):
        submit(shop, step)
    # (the seller cannot call it done: the buyer does, or the timer)
    assert shop.get_by_role("button", name="Selesai", exact=True).count() == 0

    # And the buyer complains: the item arrived damaged
    buyer.goto(base + tracking)
    with buyer.expect_navigation():
        buyer.get_by_role("link", name="Ajukan komplain").click()
    buyer.get_by_label("Barang salah atau rusak").check()
    buyer.get_by_label("Ceritakan masalahnya (dibaca penjual)").fill(
        "Satu kain sobek di pinggirnya."
    )
    submit(buyer, "Kirim komplain")
    assert "/komplain/lihat/" in buyer.url, buyer.locator("main").inner_text()
    assert_fits_phone(buyer)

    # And the seller disagrees, so the operator decides
    shop.goto(f"{base}/kelola/penjual/{escrow_seller['pk']}/komplain/")
    with shop.expect_navigation():
        shop.get_by_role("link", name=number).first.click()
    disagree = shop.locator("main form").filter(has=shop.get_by_role("button", name="Tidak setuju"))
    disagree.locator("textarea").fill("Kain sudah diperiksa sebelum diserahkan.")
    with shop.expect_navigation():
        disagree.get_by_role("button", name="Tidak setuju").click()

    operator = new_phone_context(java_script_enabled=False).new_page()
    log_in(operator, base, OPERATOR_PHONE, DEMO_PASSWORD)
    operator.goto(f"{base}/kelola/toko/{escrow_seller['store']}/komplain/")
    with operator.expect_navigation():
        operator.get_by_role("link", name=number).first.click()
    paid = int(amount_text.removeprefix("Rp").replace(".", ""))
    seller_part = paid // 2
    operator.get_by_label("Bagi dana").check()
    operator.get_by_label("Bila dibagi: bagian penjual (Rp)").fill(str(seller_part))
    operator.get_by_label("Alasan keputusan (dibaca kedua pihak)").fill("Rusak sebagian.")
    submit(operator, "Simpan keputusan")
    assert_fits_phone(operator)

    # And both sides accept the decision, so the money moves now
    shop.reload()
    submit(shop, "Terima keputusan")
    buyer.reload()
    submit(buyer, "Terima keputusan")
    buyer_part = paid - seller_part
    assert "Dana dibagi" in buyer.locator("main").inner_text() or (
        rupiah(buyer_part) in buyer.locator("main").inner_text()
    )

    # And the buyer says where their part goes
    buyer.goto(base + tracking)
    assert f"Dana {rupiah(buyer_part)} dikembalikan kepada Anda." in (
        buyer.locator("main").inner_text()
    )
    buyer.get_by_label("Rekening untuk pengembalian dana").fill(REFUND_ACCOUNT)
    submit(buyer, "Simpan rekening")

    # When the treasurer pays the refund and the seller's payout
    treasurer.goto(f"{base}/kelola/toko/{escrow_seller['store']}/bendahara/pengembalian/")
    box = treasurer.locator("main .box").filter(has_text=number)
    assert REFUND_ACCOUNT in box.inner_text()
    box.get_by_label("Nomor referensi transfer").fill("BRI-REF-0001")
    with treasurer.expect_navigation():
        box.get_by_role("button", name="Tandai sudah dikembalikan").click()
    treasurer.goto(f"{base}/kelola/toko/{escrow_seller['store']}/bendahara/pembayaran-penjual/")
    box = treasurer.locator("main .box").filter(has_text=escrow_seller["name"])
    box.get_by_label("Nomor referensi transfer").fill("BRI-REF-0002")
    with treasurer.expect_navigation():
        box.get_by_role("button", name="Tandai sudah dibayar").click()
    assert "BRI-REF-0002" in treasurer.locator("main").inner_text()

    # Then the buyer's page says where the refund went, and the books balance
    buyer.goto(base + tracking)
    assert f"sudah dikembalikan ke {REFUND_ACCOUNT} (referensi BRI-REF-0001)" in (
        buyer.locator("main").inner_text()
    )
    assert urlsplit(buyer.url).path == tracking
    assert ledger_problems_now() == []
