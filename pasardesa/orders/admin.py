"""A read-only view of orders and offers for platform staff: a status changes
only through the state machines (``transition_order``, ``transition_offer``),
never by editing a row here."""

from django.contrib import admin

from pasardesa.orders.models import Checkout, Offer, OfferEvent, Order, OrderEvent, OrderLine


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OrderLineInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OrderLine
    extra = 0
    fields = ["product", "product_name", "unit", "unit_price_idr", "quantity", "line_total_idr"]


class OrderEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OrderEvent
    extra = 0
    fields = ["created_at", "from_status", "to_status", "actor_role", "actor", "note"]
    readonly_fields = ["created_at"]


@admin.register(Order)
class OrderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "seller", "store", "status", "subtotal_idr", "created_at"]
    list_filter = ["status", "fulfilment", "payment_method"]
    search_fields = ["number", "checkout__buyer_name", "checkout__buyer_phone"]
    list_select_related = ["seller", "store"]
    # The tracking token is the buyer's private link: not shown, even here.
    exclude = ["tracking_token"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [OrderLineInline, OrderEventInline]


@admin.register(Checkout)
class CheckoutAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "buyer_name", "buyer_phone", "village", "created_at"]
    search_fields = ["buyer_name", "buyer_phone"]
    readonly_fields = ["created_at"]


class OfferEventInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = OfferEvent
    extra = 0
    fields = ["created_at", "from_status", "to_status", "price_idr", "actor_role", "actor", "note"]
    readonly_fields = ["created_at"]


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["number", "seller", "product_name", "status", "buyer_price_idr", "created_at"]
    list_filter = ["status"]
    search_fields = ["number", "buyer_name", "buyer_phone", "product_name"]
    list_select_related = ["seller"]
    # The token is the buyer's private link: not shown, even here.
    exclude = ["token"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [OfferEventInline]
