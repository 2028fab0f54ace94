/**
 * `issue_refund`: refunds part or all of a paid invoice's payment.
 *
 * TODO(BILL-412): route through OPA (billing.refund_within_limit) before the Stripe call. Until
 * then nothing but the schema bounds what the model can refund; see README "Known gaps".
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

import { type Deps, NOT_EVALUATED, WritesDisabledError, traced } from "./shared.js";

export function registerRefundTools(server: McpServer, deps: Deps): void {
  const { stripe, config } = deps;

  server.registerTool(
    "issue_refund",
    {
      title: "Issue refund",
      description:
        "Refund a paid invoice, in full or in part. amount_cents is in the invoice currency's " +
        "minor unit and may not exceed what is left to refund. Money leaves the account at once.",
      inputSchema: {
        invoice_id: z.string().regex(/^in_[A-Za-z0-9]{8,}$/),
        amount_cents: z.number().int().positive(),
        reason: z.enum(["duplicate", "fraudulent", "requested_by_customer"]),
        ticket_id: z.string().regex(/^FIN-\d+$/, "the finance-ops ticket this refund answers, e.g. FIN-2211"),
      },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    },
    traced("issue_refund", deps, async ({ invoice_id, amount_cents, reason, ticket_id }) => {
      if (!config.writesEnabled) throw new WritesDisabledError();
      const invoice = await stripe.call(() => stripe.stripe.invoices.retrieve(invoice_id));
      if (invoice.status !== "paid" || !invoice.payment_intent) {
        return { status: "error", policy: NOT_EVALUATED, body: { error: `invoice ${invoice_id} is ${invoice.status}, not paid` } };
      }
      const paymentIntent = typeof invoice.payment_intent === "string" ? invoice.payment_intent : invoice.payment_intent.id;
      const refund = await stripe.call(() =>
        stripe.stripe.refunds.create(
          { payment_intent: paymentIntent, amount: amount_cents, reason, metadata: { invoice_id, ticket_id, actor: "agent:billing-mcp" } },
          { idempotencyKey: `refund-${ticket_id}-${invoice_id}-${amount_cents}` },
        ),
      );
      return {
        status: "ok",
        policy: NOT_EVALUATED,
        body: { refund_id: refund.id, status: refund.status, amount: refund.amount, currency: refund.currency, invoice_id },
      };
    }),
  );
}
