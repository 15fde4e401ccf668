"""The back office's prepared WhatsApp messages: to a person invited into a
store's team, and to a seller waiting for verification.

Each message carries only links meant for its reader: the role home
/kelola/ (where the invitee accepts, after logging in with their own number)
or the seller's own dashboard. Never a reset link or another person's
private link. Written in the site's language, whoever presses the button.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from pasardesa.core.web import absolute_uri
from pasardesa.core.whatsapp import whatsapp_link
from pasardesa.sellers.models import Seller
from pasardesa.stores.models import Store, StoreInvitation


def invitation_message(invitation: StoreInvitation, *, kelola_url: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Halo, Anda diundang menjadi %(role)s %(store)s di Pasar Desa. "
            "Masuk atau daftar dengan nomor WhatsApp ini, lalu terima undangannya di %(url)s"
        ) % {
            "role": invitation.get_role_display().lower(),
            "store": invitation.store.name,
            "url": kelola_url,
        }


def invitation_link(request, invitation: StoreInvitation) -> str | None:
    """wa.me to the invited number, pointing them to /kelola/."""
    text = invitation_message(invitation, kelola_url=absolute_uri(request, reverse("kelola:home")))
    return whatsapp_link(invitation.phone, text)


def seller_queue_message(seller: Seller, *, store: Store, dashboard_url: str) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "Halo %(owner)s, saya pengelola %(store)s di Pasar Desa. Pendaftaran "
            "%(business)s sudah kami terima. Kapan kami bisa bertemu untuk verifikasi "
            "(KTP dan tempat usaha)? Status pendaftaran Anda: %(url)s"
        ) % {
            "owner": seller.owner_name,
            "store": store.name,
            "business": seller.business_name,
            "url": dashboard_url,
        }


def seller_queue_link(request, seller: Seller, store: Store) -> str | None:
    """wa.me to a seller waiting for verification, with their own dashboard link."""
    url = absolute_uri(request, reverse("kelola:seller_home", kwargs={"pk": seller.pk}))
    text = seller_queue_message(seller, store=store, dashboard_url=url)
    return whatsapp_link(seller.whatsapp, text)
