/**
 * Invoice tools: two reads and `void_invoice`, which OPA gates (policy billing.void_unpaid_only).
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type Stripe from "stripe";
import { z } from "zod";

import { type Deps, WritesDisabledError, traced } from "./shared.js";

const InvoiceId = z.string().regex(/^in_[A-Za-z0-9]{8,}$/, "a Stripe invoice id, e.g. in_1Q2w3E4r5T6y7U8i");
const CustomerId = z.string().regex(/^cus_[A-Za-z0-9]{8,}$/, "a Stripe customer id, e.g. cus_Q2w3E4r5T6y7U8");

/** The fields the assistant needs; never the customer's address, tax ids or payment method. */
function summarise(invoice: Stripe.Invoice) {
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    customer: typeof invoice.customer === "string" ? invoice.customer : invoice.customer?.id,
    currency: invoice.currency,
    amount_due: invoice.amount_due,
    amount_paid: invoice.amount_paid,
    amount_remaining: invoice.amount_remaining,
    created: new Date(invoice.created * 1000).toISOString(),
    due_date: invoice.due_date ? new Date(invoice.due_date * 1000).toISOString() : null,
  };
}

export function registerInvoiceTools(server: McpServer, deps: Deps): void {
  const { stripe, opa, config } = deps;

  server.registerTool(
    "get_invoice",
    {
      title: "Get invoice",
      description: "Read one invoice: status, amounts (in the currency's minor unit) and dates.",
      inputSchema: { invoice_id: InvoiceId },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    traced("get_invoice", deps, async ({ invoice_id }) => {
      const policy = await opa.decide({ action: "get_invoice", resource: invoice_id, context: { environment: config.env } });
      if (policy.decision !== "allow") return { status: "denied", policy, body: { error: `denied by ${policy.rule}` } };
      const invoice = await stripe.call(() => stripe.stripe.invoices.retrieve(invoice_id));
      return { status: "ok", policy, body: summarise(invoice) };
    }),
  );

  server.registerTool(
    "list_invoices",
    {
      title: "List invoices",
      description: "List a customer's invoices, newest first, optionally filtered by status.",
      inputSchema: {
        customer_id: CustomerId,
        status: z.enum(["draft", "open", "paid", "uncollectible", "void"]).optional(),
        limit: z.number().int().min(1).max(25).default(10),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    traced("list_invoices", deps, async ({ customer_id, status, limit }) => {
      const policy = await opa.decide({ action: "list_invoices", resource: customer_id, context: { environment: config.env } });
      if (policy.decision !== "allow") return { status: "denied", policy, body: { error: `denied by ${policy.rule}` } };
      const page = await stripe.call(() => stripe.stripe.invoices.list({ customer: customer_id, status, limit }));
      return { status: "ok", policy, body: { invoices: page.data.map(summarise), has_more: page.has_more } };
    }),
  );

  server.registerTool(
    "void_invoice",
    {
      title: "Void invoice",
      description:
        "Void an open or draft invoice that has received no payment. Irreversible: the invoice " +
        "number stays used. Paid or partially paid invoices need a refund or credit note instead.",
      inputSchema: {
        invoice_id: InvoiceId,
        reason: z.enum(["duplicate", "issued_in_error", "replaced_by_new_invoice", "customer_cancelled"]),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    traced("void_invoice", deps, async ({ invoice_id, reason }) => {
      if (!config.writesEnabled) throw new WritesDisabledError();
      const invoice = await stripe.call(() => stripe.stripe.invoices.retrieve(invoice_id));
      const policy = await opa.decide({
        action: "void_invoice",
        resource: invoice_id,
        context: {
          environment: config.env,
          invoice_status: invoice.status,
          amount_paid: invoice.amount_paid,
          amount_due: invoice.amount_due,
          reason,
        },
      });
      if (policy.decision !== "allow") {
        return { status: "denied", policy, body: { error: `not allowed by policy ${policy.rule}; ask billing-ops` } };
      }
      const voided = await stripe.call(() =>
        stripe.stripe.invoices.voidInvoice(invoice_id, {}, { idempotencyKey: `void-${invoice_id}` }),
      );
      return { status: "ok", policy, body: { ...summarise(voided), reason } };
    }),
  );
}
