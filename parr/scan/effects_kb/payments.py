"""Payment SDKs and the operations that move money."""

from __future__ import annotations

import re

PY_PAYMENT_ROOTS = frozenset({"stripe", "braintree", "paypalrestsdk", "razorpay", "square", "adyen", "mollie"})
PY_PAYMENT_WRITE = frozenset(
    "create modify delete capture confirm cancel refund charge pay transfer void update reverse".split()
)
TS_PAYMENT_MODULES = re.compile(r"^(stripe|@stripe/|@paypal/|paypal|braintree|square|@square/|razorpay|@adyen/|coinbase)", re.I)
TS_PAYMENT_VERBS = frozenset({"create", "update", "del", "cancel", "capture", "confirm", "refund", "pay", "void",
                            "finalizeInvoice", "sendInvoice", "charge", "transfer", "createPayment", "createOrder",
                            "captureOrder", "authorize"})
