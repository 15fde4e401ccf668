"""The buyer's payment page of one order: exact amount, QRIS or account,
deadline, "Saya sudah bayar" with a proof photo and a WhatsApp message to
whoever confirms; with the private-link rules of the tracking page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from pasardesa.core import images
from pasardesa.core.images import ERROR_NOT_IMAGE, ERROR_TOO_LARGE, ERROR_TOO_MANY_PIXELS
from pasardesa.orders.models import Order
from pasardesa.payments.models import Payment, PaymentRole, PaymentStatus
from pasardesa.payments.services import confirm_payment
from pasardesa.payments.views.buyer import qr_svg
from pasardesa.sellers.models import Seller
from tests.demo_fixtures import (
    BYTE_BUDGET,
    gzip_size,
    page,
    photo_upload,
    png_declaring,
    whatsapp_text,
)
from tests.factories import make_user, store_member
from tests.orders.factories import checkout_form, place, product
from tests.payments.buyer_factories import (
    BANK,
    ESCROW,
    QRIS,
    TRANSFER,
    order_paid_by,
    pay_url,
    read_qr,
    tags,
)
from tests.payments.escrow_factories import escrow_product
from tests.payments.qris_samples import static_payload

pytestmark = pytest.mark.django_db


def qris_png(client, order):
    return client.get(reverse("payments:qris_png", args=[order.tracking_token]))


class TestPrivateLink:
    def test_an_unknown_token_or_an_order_paid_in_cash_is_not_found(self, client):
        # Given an order paid in cash on pickup
        cash = place([(product(stock=5), 1)]).orders.get()
        # When its payment page, or one of an unknown token, is asked for
        # Then there is none
        assert client.get(pay_url(cash)).status_code == 404
        assert client.get(reverse("payments:pay", args=["x" * 32])).status_code == 404
        assert client.get(reverse("payments:pay", args=["nope"])).status_code == 404
        assert client.get(reverse("payments:qris_png", args=["x" * 32])).status_code == 404

    def test_the_page_and_its_qr_image_are_never_cached_nor_indexed(self, client):
        order = order_paid_by(QRIS)
        for response in (client.get(pay_url(order)), qris_png(client, order)):
            assert response.status_code == 200
            assert "no-store" in response["Cache-Control"]
            assert "private" in response["Cache-Control"]
            assert response["X-Robots-Tag"] == "noindex, nofollow"


class TestTransfer:
    def test_the_exact_amount_its_code_the_account_and_the_deadline(self, client):
        # Given an order of Rp125.000 to be paid by direct transfer
        order = order_paid_by(TRANSFER)
        payment = order.payment
        # When the buyer opens its payment page
        response = client.get(pay_url(order))
        html = page(response)
        # Then they read the exact amount, why it has odd digits, where to, by when
        exact = f"Rp{payment.amount_idr:,}".replace(",", ".")
        assert f"Transfer tepat {exact}" in html.text
        assert "3 angka terakhir membantu penjual/bendahara mengenali pembayaran Anda" in html.text
        assert f"kode unik Rp{payment.unique_code_idr}" in html.text
        # the number as one selectable run of digits (what a banking app wants pasted)
        assert "Nomor rekening: 012301000123456" in html.text
        assert "WITA" in html.text and "Bayar sebelum" in html.text
        # and no QR for a plain transfer
        assert "<svg" not in response.content.decode()
        assert gzip_size(response.content) <= BYTE_BUDGET


class TestQris:
    def test_the_qr_on_the_page_is_a_dynamic_qris_for_the_exact_amount(self, client):
        # Given an order to be paid by the seller's QRIS
        order = order_paid_by(QRIS)
        amount = order.payment.amount_idr
        # When the buyer opens the payment page
        response = client.get(pay_url(order))
        body = response.content.decode()
        # Then an inline SVG QR is drawn (paths, no XML declaration) with a
        # "Simpan gambar QR" link, inside the page budget
        assert "<svg" in body and "<path" in body and "<?xml" not in body
        save = reverse("payments:qris_png", args=[order.tracking_token])
        assert save in page(response).hrefs()
        assert "Simpan gambar QR" in page(response).text
        assert f"Bayar tepat Rp{amount:,}".replace(",", ".") in page(response).text
        assert gzip_size(response.content) <= BYTE_BUDGET
        # And the saved PNG reads back as a valid QRIS for exactly this amount and order
        png = qris_png(client, order)
        assert png["Content-Type"] == "image/png"
        assert png["Content-Disposition"].startswith("attachment;")
        payload = read_qr(png.content)
        fields = tags(payload)
        assert fields["01"].value == "12"
        assert fields["54"].value == str(amount)
        assert fields["62"].sub("05") == order.number
        assert fields["59"].value == "WARUNG BU SRI"
        # and the SVG on the page draws that same payload
        assert qr_svg(payload) in body

    def test_an_escrow_with_a_qris_draws_the_villages_qris(self, client):
        # Given a rekening bersama with the BUMDes' own QRIS beside its bank account
        bumdes = static_payload(t59="BUMDES UJI MAJU")
        order = order_paid_by(ESCROW, qris_payload=bumdes, qris_merchant_name="BUMDES UJI MAJU")
        # When the buyer opens the payment page
        html = page(client.get(pay_url(order)))
        # Then money is said to be safe with the holder, and both ways are shown
        assert (
            "Dana Anda aman di rekening bersama BUMDes Uji Maju sampai Anda menerima barang"
            in html.text
        )
        assert "Nomor rekening: 012301000123456" in html.text
        fields = tags(read_qr(qris_png(client, order).content))
        assert fields["59"].value == "BUMDES UJI MAJU"
        assert fields["54"].value == str(order.payment.amount_idr)

    def test_once_paid_the_qr_is_gone(self, client):
        order = order_paid_by(QRIS)
        confirm_payment(payment=order.payment, actor=None, actor_role=PaymentRole.SELLER)
        response = client.get(pay_url(order))
        assert "<svg" not in response.content.decode()
        assert "Sudah dibayar ke penjual" in page(response).text
        assert qris_png(client, order).status_code == 404


class TestSaysPaid:
    def test_the_whatsapp_to_the_treasurer_names_the_order_and_their_page_not_the_buyers(
        self, client
    ):
        # Given an escrow order whose store has a treasurer
        order = order_paid_by(ESCROW)
        treasurer = make_user("0812-3800-0900", "Bendahara Uji")
        store_member(order.store, treasurer, "treasurer")
        # When the buyer taps "Saya sudah bayar"
        response = client.post(pay_url(order), {})
        assert response.status_code == 302
        response = client.get(response["Location"])
        # Then the page offers a WhatsApp message to the treasurer with the
        # order number, the amount and the treasurer page, never the tracking link
        payment = Payment.objects.get(pk=order.payment.pk)
        assert payment.buyer_says_paid_at is not None
        [link] = page(response).wa_links()
        assert link.startswith("https://wa.me/6281238000900?")
        text = whatsapp_text(link)
        assert order.number in text
        assert f"Rp{payment.amount_idr:,}".replace(",", ".") in text
        assert f"/kelola/toko/{order.store.slug}/bendahara/" in text
        assert order.tracking_token not in text

    def test_for_a_direct_payment_the_seller_gets_their_order_page(self, client):
        order = order_paid_by(TRANSFER)
        client.post(pay_url(order), {})
        [link] = page(client.get(pay_url(order))).wa_links()
        text = whatsapp_text(link)
        seller_page = reverse("orders:seller_order", args=[order.seller_id, order.number])
        assert seller_page in text
        assert order.tracking_token not in text

    def test_a_proof_photo_is_kept_as_a_re_encoded_webp_under_a_random_name(self, client):
        order = order_paid_by(TRANSFER)
        response = client.post(pay_url(order), {"bukti": photo_upload("struk.jpg")})
        assert response.status_code == 302
        payment = Payment.objects.get(pk=order.payment.pk)
        assert payment.buyer_says_paid_at is not None
        assert payment.proof.name.endswith(".webp")
        assert order.number not in payment.proof.name
        with payment.proof.open("rb") as stored:
            assert Image.open(io.BytesIO(stored.read())).format == "WEBP"

    @pytest.mark.parametrize(
        ("make_file", "message"),
        [
            (lambda: SimpleUploadedFile("struk.pdf", b"%PDF-1.4 bukan foto"), ERROR_NOT_IMAGE),
            (
                lambda: SimpleUploadedFile("bom.png", png_declaring(20_000, 20_000)),
                ERROR_TOO_MANY_PIXELS,
            ),
            (lambda: photo_upload("besar.jpg"), ERROR_TOO_LARGE),
        ],
        ids=["not an image", "decompression bomb", "too large"],
    )
    def test_a_bad_proof_is_refused_with_a_plain_message_and_nothing_changes(
        self, client, monkeypatch, make_file, message
    ):
        # Given an upload limit of 100 bytes (so the small test photo is "too large")
        monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 100)
        order = order_paid_by(TRANSFER)
        # When the buyer sends a bad file as proof
        response = client.post(pay_url(order), {"bukti": make_file()})
        # Then the page comes back with the reason, and nothing is recorded
        assert response.status_code == 200
        assert str(message) in page(response).text
        assert page(response).find_all("div", class_="fld bad")
        payment = Payment.objects.get(pk=order.payment.pk)
        assert payment.buyer_says_paid_at is None and not payment.proof

    def test_saying_paid_after_it_was_confirmed_is_a_message_not_an_error(self, client):
        order = order_paid_by(TRANSFER)
        confirm_payment(payment=order.payment, actor=None, actor_role=PaymentRole.SELLER)
        response = client.post(pay_url(order), {}, follow=True)
        assert response.status_code == 200
        assert "Pembayaran ini sudah tidak menunggu." in page(response).text
        assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.PAID


class TestCheckoutAndConfirmation:
    def test_each_method_says_in_one_line_what_it_means_and_the_fee_before_ordering(self, client):
        # Given a seller with transfer and QRIS, whose store runs a rekening
        # bersama with a 1,5 % village fee, and Rp125.000 of their goods in the cart
        item = escrow_product(price_idr=125_000, fee_basis_points=150)
        Seller.objects.filter(pk=item.seller_id).update(
            **BANK, qris_payload=static_payload(), qris_merchant_name="WARUNG BU SRI"
        )
        client.post(reverse("orders:cart_add"), {"product": item.pk, "jumlah": 1})
        # When the buyer opens the checkout
        response = client.get(reverse("orders:checkout"))
        html = page(response)
        # Then every method is offered with its line, the fee in percent and rupiah
        offered = {a["value"] for a in html.find_all("input", name=f"payment_{item.seller_id}")}
        assert offered == {"cod", "transfer", "qris", "escrow"}
        assert "Bayar dengan QRIS dari aplikasi bank/e-wallet; jumlah pasti." in html.text
        assert "Rekening: BRI 0123 0100 0123 456 a.n. Maria" in html.text
        assert "Dana Anda disimpan BUMDes Uji Maju sampai barang Anda terima." in html.text
        assert "Biaya desa 1,5 % (Rp1.875)" in html.text
        assert gzip_size(response.content) <= BYTE_BUDGET

    def test_without_a_fee_none_is_mentioned(self, client):
        item = escrow_product(price_idr=125_000)
        client.post(reverse("orders:cart_add"), {"product": item.pk, "jumlah": 1})
        html = page(client.get(reverse("orders:checkout")))
        assert "Dana Anda disimpan BUMDes Uji Maju" in html.text
        assert "Biaya desa" not in html.text

    def test_the_confirmation_links_a_prepaid_order_to_its_payment_page_with_the_amount(
        self, client
    ):
        # Given a buyer who checks out by rekening bersama on the page
        item = escrow_product(price_idr=125_000)
        client.post(reverse("orders:cart_add"), {"product": item.pk, "jumlah": 1})
        form = checkout_form(client) | {f"payment_{item.seller_id}": "escrow"}
        response = client.post(reverse("orders:checkout"), form, follow=True)
        # Then the confirmation says the exact amount and links to the payment page
        order = Order.objects.select_related("payment").get()
        html = page(response)
        exact = f"Rp{order.payment.amount_idr:,}".replace(",", ".")
        assert f"Bayar tepat {exact} sebelum" in html.text
        assert pay_url(order) in html.hrefs()
        assert gzip_size(response.content) <= BYTE_BUDGET
        # And the page it links to opens in that browser with the same amount
        assert f"Transfer tepat {exact}" in page(client.get(pay_url(order))).text
