"""The demo's rekening bersama: Toko Desa Dulolong's BUMDes account and QRIS
sticker, its treasurer, and orders in every state of the escrow.

Everything goes through the real services (setup, checkout, the treasurer's
confirmation, the seller's steps, the complaint, the payout), so the demo's
books are what the services write and ``check_ledger`` holds on them.
"""

import uuid
from dataclasses import dataclass

from django.utils import timezone

from pasardesa.catalog.models import Product
from pasardesa.orders.models import ActorRole, Fulfilment, Order, OrderStatus, PaymentMethod
from pasardesa.orders.services import BuyerDetails, CartItem, place_checkout, transition_order
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import Complaint, Payment, PaymentRole
from pasardesa.payments.qris import Field, build_payload
from pasardesa.payments.selectors.ledger import balance
from pasardesa.payments.services import (
    buyer_says_paid,
    confirm_payment,
    confirm_receipt,
    decide_complaint,
    file_complaint,
    ledger_account,
    pay_out_seller,
    seller_answer,
    set_refund_account,
    set_seller_qris,
    set_store_escrow,
)
from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.stores.models import Store

BUMDES = "BUMDes Dulolong Maju"


def _sticker(name: str, nmid: str, account: str) -> str:
    """A static QRIS of the demo's own making (a made-up NMID and account at
    Bank NTT), built field by field with a valid CRC."""

    def template(tag: str, **subs: str) -> Field:
        return Field(tag, subfields=tuple(Field(k[1:], v) for k, v in sorted(subs.items())))

    return build_payload(
        [
            Field("00", "01"),
            Field("01", "11"),
            template("26", s00="ID.CO.BANKNTT.WWW", s01=account, s03="UMI"),
            template("51", s00="ID.CO.QRIS.WWW", s02=nmid, s03="UMI"),
            Field("52", "5411"),
            Field("53", "360"),
            Field("58", "ID"),
            Field("59", name),
            Field("60", "KALABAHI"),
            Field("61", "85811"),
        ]
    )


ESCROW_QRIS = _sticker("BUMDES DULOLONG MAJU", "ID1026000020061", "936001230000020061")
KOPI_QRIS = _sticker("KOPI ALOR MAMA ROS", "ID1026000020062", "936001230000020062")


@dataclass(frozen=True)
class DemoBuyer:
    name: str
    phone: str


BUYERS = [
    DemoBuyer("Maria Goreti Lapenangga", "0811-3800-0111"),
    DemoBuyer("Yakob Mauko", "0811-3800-0112"),
    DemoBuyer("Fransiska Atapada", "0811-3800-0113"),
    DemoBuyer("Hendrik Koliham", "0811-3800-0114"),
    DemoBuyer("Nur Aini Djou", "0811-3800-0115"),
    DemoBuyer("Stefanus Lelang", "0811-3800-0116"),
    DemoBuyer("Rahmawati Bana", "0811-3800-0117"),
    DemoBuyer("Paulus Manimau", "0811-3800-0118"),
]


def _order(store: Store, seller: Seller, buyer: DemoBuyer, index: int, *, method: str) -> Order:
    """One order of the seller's first product in stock, picked up, paid by ``method``."""
    product = (
        Product.objects.for_sale()
        .filter(seller=seller)
        .exclude(stock=0)
        .order_by("pk")[index % 3 : index % 3 + 1]
        .get()
    )
    checkout = place_checkout(
        items=[CartItem(product.pk, 1, None)],
        choices={seller.pk: (Fulfilment.PICKUP, method)},
        expected_prices={product.pk: product.sale_price_idr},
        idempotency_key=uuid.uuid5(uuid.NAMESPACE_URL, f"pasardesa-demo-escrow-{index}"),
        user=None,
        buyer=BuyerDetails(
            name=buyer.name,
            phone=buyer.phone,
            address="",
            village_code=store.village_id,
            dusun="",
            rt="",
            rw="",
            note="",
        ),
    )
    return checkout.orders.select_related("payment", "store", "seller").get()


def _seller_steps(order: Order, actor, *statuses: str) -> None:
    for status in statuses:
        transition_order(order=order, to_status=status, actor=actor, actor_role=ActorRole.SELLER)


def load_escrow_demo(*, store: Store, operator, treasurer) -> int:
    """Open Toko Desa Dulolong's rekening bersama and walk orders through it;
    return how many escrow orders were made."""
    set_store_escrow(
        store=store,
        actor=operator,
        holder_name=BUMDES,
        bank_name="Bank NTT",
        bank_account_number="0010203040506",
        bank_account_holder=BUMDES,
        qris_payload=ESCROW_QRIS,
        fee_percent="0",
    )
    owners = {
        m.seller_id: m.user
        for m in SellerMember.objects.filter(seller__store=store, role=SellerMember.Role.OWNER)
    }
    sellers = list(Seller.objects.filter(pk__in=owners).order_by("pk"))
    tenun, kenari = sellers[0], sellers[1]
    kopi = Seller.objects.filter(store=store, business_name="Kopi Alor Mama Ros").first()
    if kopi is not None:
        # QRIS langsung: set by the store's treasurer for a seller without a login.
        set_seller_qris(seller=kopi, payload=KOPI_QRIS, actor=treasurer)

    made = iter(range(100))

    def new(seller: Seller, buyer: DemoBuyer) -> Order:
        return _order(store, seller, buyer, next(made), method=PaymentMethod.ESCROW)

    def held(order: Order) -> Order:
        confirm_payment(payment=order.payment, actor=treasurer, actor_role=PaymentRole.TREASURER)
        return order

    # 1. Waiting for the money, the buyer says they paid (the treasurer's queue).
    waiting = new(kenari, BUYERS[0])
    buyer_says_paid(payment=waiting.payment)
    # 2. Money held, the seller is preparing.
    _seller_steps(held(new(kenari, BUYERS[1])), owners[kenari.pk], OrderStatus.ACCEPTED)
    # 3. Handed over, the release timer runs.
    sent = held(new(kenari, BUYERS[2]))
    _seller_steps(sent, owners[kenari.pk], OrderStatus.ACCEPTED, OrderStatus.READY)
    _seller_steps(sent, owners[kenari.pk], OrderStatus.DELIVERED)
    # 4. Received by the buyer: released to the seller, then paid out.
    done = held(new(tenun, BUYERS[3]))
    _seller_steps(done, owners[tenun.pk], OrderStatus.ACCEPTED, OrderStatus.READY)
    _seller_steps(done, owners[tenun.pk], OrderStatus.DELIVERED)
    confirm_receipt(order=done, actor=None)
    # 5. Declined after the money arrived: owed back to the buyer.
    declined = held(new(kenari, BUYERS[4]))
    transition_order(
        order=declined,
        to_status=OrderStatus.DECLINED,
        actor=owners[kenari.pk],
        actor_role=ActorRole.SELLER,
        note="Maaf, kenari kupas habis untuk minggu ini.",
    )
    set_refund_account(
        payment=Payment.objects.get(order=declined), refund_to="BRI 0987654321 a.n. Nur Aini Djou"
    )
    # 6. A complaint waiting for the seller's answer.
    open_complaint = held(new(tenun, BUYERS[5]))
    _seller_steps(open_complaint, owners[tenun.pk], OrderStatus.ACCEPTED, OrderStatus.READY)
    _seller_steps(open_complaint, owners[tenun.pk], OrderStatus.DELIVERED)
    file_complaint(
        payment=Payment.objects.get(order=open_complaint),
        reason=Complaint.Reason.NOT_AS_DESCRIBED,
        description="Warna kainnya lebih pudar daripada di foto.",
        photos=[],
        actor=None,
        placed_here=True,
    )
    # 7. A complaint decided: damaged in transport, the operator split the money.
    decided = held(new(kenari, BUYERS[6]))
    _seller_steps(decided, owners[kenari.pk], OrderStatus.ACCEPTED, OrderStatus.READY)
    _seller_steps(decided, owners[kenari.pk], OrderStatus.DELIVERED)
    complaint = file_complaint(
        payment=Payment.objects.get(order=decided),
        reason=Complaint.Reason.WRONG_OR_DAMAGED,
        description="Toplesnya pecah, separuh kenari tumpah.",
        photos=[],
        actor=None,
        placed_here=True,
    )
    seller_answer(
        complaint=complaint,
        answer="disagree",
        actor=owners[kenari.pk],
        text="Sudah dibungkus rapat waktu diserahkan.",
    )
    paid = Payment.objects.get(order=decided).amount_idr
    decide_complaint(
        complaint=complaint,
        outcome="split",
        actor=operator,
        actor_role=PaymentRole.OPERATOR,
        seller_part_idr=paid // 2,
        text="Separuh rusak di jalan: separuh dana kembali ke pembeli.",
    )
    # One payout paid to the seller of what was released.
    owed = balance(ledger_account(store=store, kind=AccountKind.SELLER, seller=tenun))
    if owed:
        pay_out_seller(
            store=store,
            seller=tenun,
            amount_idr=owed,
            reference=f"NTT-{timezone.now():%Y%m%d}-0001",
            actor=treasurer,
            key=uuid.uuid5(uuid.NAMESPACE_URL, "pasardesa-demo-payout-1"),
        )
    return next(made)
