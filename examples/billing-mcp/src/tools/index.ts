/**
 * Registers every billing tool on a server. The list here is the permission manifest's list in
 * parr.yaml; a tool added in one place and not the other fails review.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";

import { registerCustomerTools } from "./customers.js";
import { registerInvoiceTools } from "./invoices.js";
import { registerRefundTools } from "./refunds.js";
import type { Deps } from "./shared.js";

export type { Deps } from "./shared.js";

export function registerBillingTools(server: McpServer, deps: Deps): void {
  registerInvoiceTools(server, deps); // get_invoice, list_invoices, void_invoice
  registerRefundTools(server, deps); // issue_refund
  registerCustomerTools(server, deps); // update_billing_email
}
