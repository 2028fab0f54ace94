package billing_test

import rego.v1

import data.billing

test_reads_allowed if {
	billing.allow with input as {"action": "list_invoices", "resource": "cus_QxV7tY1uI2oP3a", "context": {}}
}

test_void_open_unpaid_allowed if {
	billing.decision == {"decision": "allow", "rule": "void_unpaid_only"} with input as {
		"action": "void_invoice",
		"resource": "in_1QxV8bN9mA0sD1fG",
		"context": {"invoice_status": "open", "amount_paid": 0},
	}
}

test_void_paid_denied if {
	not billing.allow with input as {
		"action": "void_invoice",
		"resource": "in_1QxU2kL7mN8pQ9rS",
		"context": {"invoice_status": "paid", "amount_paid": 72000},
	}
}

test_void_partially_paid_denied if {
	not billing.allow with input as {
		"action": "void_invoice",
		"resource": "in_1QxU2kL7mN8pQ9rS",
		"context": {"invoice_status": "open", "amount_paid": 1000},
	}
}

test_refund_over_limit_denied if {
	not billing.allow with input as {
		"action": "issue_refund",
		"resource": "in_1QxU2kL7mN8pQ9rS",
		"context": {"amount_cents": 72000, "amount_refundable": 72000, "has_ticket": true},
	}
}

test_refund_without_ticket_denied if {
	not billing.allow with input as {
		"action": "issue_refund",
		"resource": "in_1QxT9aB2cD3eF4gH",
		"context": {"amount_cents": 900, "amount_refundable": 4900, "has_ticket": false},
	}
}

test_blocked_action_denied if {
	billing.decision.decision == "deny" with input as {"action": "delete_customer", "resource": "cus_1", "context": {}}
}
