# METADATA
# title: billing-mcp tool authorization
# description: >-
#   Queried by the MCP server at data.billing.decision before a tool touches Stripe.
#   Input: {"action": <tool name>, "resource": <Stripe id>, "context": {...}}.
#   Owner: Security (@rafael.mendes). Run `opa test policies/ -v` before merging.
package billing

import rego.v1

read_actions := {"get_invoice", "list_invoices"}

# Never allowed to the agent, whatever the context (mirrors policies.deny in parr.yaml).
blocked_actions := {"delete_customer", "create_payout", "update_bank_account"}

default allow := false

allow if {
	input.action in read_actions
}

allow if {
	input.action == "void_invoice"
	void_unpaid_only
}

allow if {
	input.action == "update_billing_email"
	billing_email_change_ticketed
}

allow if {
	input.action == "issue_refund"
	refund_within_limit
}

# Gate for void_invoice: only drafts and open invoices on which nothing has been paid.
void_unpaid_only if {
	input.context.invoice_status in {"draft", "open"}
	input.context.amount_paid == 0
}

# Gate for issue_refund: small refunds tied to a ticket, never more than is left to refund.
# BILL-412: written and tested here, but the issue_refund tool does not ask OPA yet.
refund_within_limit if {
	input.context.amount_cents <= 50000
	input.context.amount_cents <= input.context.amount_refundable
	input.context.has_ticket == true
}

# update_billing_email only files a change request; it still needs a finance ticket.
billing_email_change_ticketed if input.context.has_ticket == true

deciding_rule := "billing_reads" if input.action in read_actions

deciding_rule := "void_unpaid_only" if input.action == "void_invoice"

deciding_rule := "billing_email_change_ticketed" if input.action == "update_billing_email"

deciding_rule := "refund_within_limit" if input.action == "issue_refund"

# What the server reads: the decision and the rule that made it, for the trace.
decision := {"decision": "allow", "rule": deciding_rule} if {
	allow
	not input.action in blocked_actions
} else := {"decision": "deny", "rule": "default_deny"}
