"""The orders app's pages, one module per audience: the buyer's cart,
checkout, tracking, offers and history; the seller's orders and offers."""
