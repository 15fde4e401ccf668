"""HTTP behaviour that saves a buyer's data: conditional GET, caching, compression."""

import io

import pytest
from PIL import Image

from pasardesa.catalog.services import add_product_photo
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def _jpeg() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 80, 40)).save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "foto.jpg"
    return buffer


def test_unchanged_catalogue_page_is_answered_with_304(client):
    # Given a product page a buyer has already loaded
    product = ProductFactory()
    first = client.get(product.get_absolute_url())
    assert first.status_code == 200
    etag = first["ETag"]

    # When the phone asks again with the ETag it kept
    again = client.get(product.get_absolute_url(), headers={"if-none-match": etag})

    # Then nothing but the headers crosses the network
    assert again.status_code == 304
    assert again.content == b""


def test_changed_product_gets_a_fresh_page(client):
    # Given a buyer holding the ETag of a product page
    product = ProductFactory(price_idr=25_000)
    etag = client.get(product.get_absolute_url())["ETag"]

    # When the seller changes the price
    product.price_idr = 30_000
    product.save()

    # Then the next request gets the new page, not a 304
    response = client.get(product.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Rp30.000" in response.content.decode()


def test_pages_are_gzip_compressed_for_phones_that_accept_it(client):
    product = ProductFactory()
    response = client.get(product.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"


def test_product_photos_are_served_with_a_one_year_cache(client):
    # Given a product with a photo
    product = ProductFactory()
    photo = add_product_photo(product=product, upload=_jpeg())

    # When the browser fetches the thumbnail
    response = client.get(photo.thumb.url)

    # Then it is WebP and may be cached for a year (names are content hashes)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]


def test_media_view_does_not_serve_files_outside_media_root(client):
    client.raise_request_exception = False
    response = client.get("/media/../pasardesa/settings.py")
    assert response.status_code in (400, 404)
    assert b"SECRET_KEY" not in response.content


def test_webp_photos_are_not_gzipped_again_and_keep_their_length(client):
    # Given a product photo (WebP is compressed already)
    product = ProductFactory()
    photo = add_product_photo(product=product, upload=_jpeg())

    # When a phone that accepts gzip fetches it
    response = client.get(photo.image.url, headers={"accept-encoding": "gzip"})

    # Then the bytes are the file's own, with a length the phone can show progress by
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert not response.has_header("Content-Encoding")
    body = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(body) == photo.image.size
    assert body[:4] == b"RIFF"


@pytest.mark.parametrize(
    ("content_type", "compressed"),
    [
        ("image/webp", True),
        ("image/jpeg", True),
        ("image/png", True),
        ("font/woff2", True),
        ("application/zip", True),
        ("application/gzip", True),
        ("image/svg+xml", False),
        ("text/html; charset=utf-8", False),
        ("text/csv; charset=utf-8", False),
        ("application/json", False),
    ],
)
def test_only_text_is_worth_compressing(content_type, compressed):
    from pasardesa.core.middleware import already_compressed

    assert already_compressed(content_type) is compressed
