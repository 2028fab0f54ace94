/**
 * `update_billing_email`: never changes Stripe directly. It files a change request in the
 * billing-ops approval queue with the old and new address (hashed in traces); a person applies it.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

import { type Deps, WritesDisabledError, traced } from "./shared.js";

const APPROVAL_QUEUE = "billing-ops";

export function registerCustomerTools(server: McpServer, deps: Deps): void {
  const { stripe, opa, approvals, config } = deps;

  server.registerTool(
    "update_billing_email",
    {
      title: "Update billing e-mail",
      description:
        "Propose a new billing e-mail for a customer. Files a change request for billing-ops to " +
        "approve; the address changes only after a person approves it. Returns the request id.",
      inputSchema: {
        customer_id: z.string().regex(/^cus_[A-Za-z0-9]{8,}$/),
        email: z.string().email().max(254),
        ticket_id: z.string().regex(/^FIN-\d+$/),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    traced("update_billing_email", deps, async ({ customer_id, email, ticket_id }) => {
      if (!config.writesEnabled) throw new WritesDisabledError();
      const policy = await opa.decide({
        action: "update_billing_email",
        resource: customer_id,
        context: { environment: config.env, has_ticket: true },
      });
      if (policy.decision !== "allow") return { status: "denied", policy, body: { error: `denied by ${policy.rule}` } };
      const customer = await stripe.call(() => stripe.stripe.customers.retrieve(customer_id));
      if (customer.deleted) return { status: "error", policy, body: { error: `customer ${customer_id} is deleted` } };
      const request = await approvals.propose(APPROVAL_QUEUE, {
        action: "stripe.customers.update",
        target: customer_id,
        payload: { email },
        summary: `Billing e-mail change for ${customer_id} (${ticket_id}), requested by the finance-ops assistant`,
      });
      return { status: "pending_approval", policy, body: { change_request: request.id, queue: APPROVAL_QUEUE } };
    }),
  );
}
