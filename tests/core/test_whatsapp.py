"""WhatsApp chat links: ``https://wa.me/<digits>?text=<url-encoded text>``."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasardesa.core.whatsapp import whatsapp_link


def text_of(link: str) -> str:
    query = parse_qs(urlsplit(link).query, keep_blank_values=True, strict_parsing=True)
    assert list(query) == ["text"]
    [text] = query["text"]
    return text


class TestWhatsappLink:
    @pytest.mark.parametrize(
        "phone", ["0812-3456-7890", "+62 812-3456-7890", "6281234567890", "+6281234567890"]
    )
    def test_given_any_spelling_of_a_number_then_link_has_its_digits(self, phone):
        link = whatsapp_link(phone, "Halo")
        parts = urlsplit(link)
        assert parts.scheme == "https"
        assert parts.netloc == "wa.me"
        assert parts.path == "/6281234567890"
        assert parts.fragment == ""
        assert link == "https://wa.me/6281234567890?text=Halo"

    def test_given_no_text_then_plain_chat_link(self):
        assert whatsapp_link("0812-3456-7890") == "https://wa.me/6281234567890"
        assert whatsapp_link("0812-3456-7890", "") == "https://wa.me/6281234567890"

    @pytest.mark.parametrize(
        "text",
        [
            "Halo Bu, saya mau pesan:\n- Kopi Alor 2 bungkus\n- Kain tenun 1",
            "Harga Rp12.500 & ongkir?",
            "Produk #12 masih ada?",
            "diskon 10% + gratis ongkir = mantap",
            "Kopi ☕ enak 😀👍🏽",
            "a/b?c=d&e=f#g",
            "spasi  ganda\tdan tab",
        ],
    )
    def test_given_a_message_when_linked_then_it_round_trips(self, text):
        link = whatsapp_link("0812-3456-7890", text)
        assert link.startswith("https://wa.me/6281234567890?text=")
        encoded = link.split("?text=", 1)[1]
        # Nothing that would end the parameter or the URL stays raw.
        for raw in ("\n", " ", "&", "?", "#", "+", "=", "/"):
            assert raw not in encoded
        assert encoded.isascii()
        assert unquote(encoded) == text
        assert text_of(link) == text
        assert urlsplit(link).fragment == ""

    @given(st.text(min_size=1, max_size=200))
    def test_given_any_text_then_the_link_decodes_back_to_it(self, text):
        link = whatsapp_link("+6281234567890", text)
        assert link.isascii()
        assert text_of(link) == text

    @pytest.mark.parametrize(
        "phone", ["", None, "0812", "abc", "bukan nomor", "0" * 40, "+0 812 3456 7890"]
    )
    def test_given_no_valid_number_then_no_link(self, phone):
        assert whatsapp_link(phone, "Halo") is None
        assert whatsapp_link(phone) is None
