/**
 * billing-mcp: a stateless Streamable HTTP MCP server for the finance-ops assistant.
 *
 * Each POST /mcp gets a fresh server and transport, so no session state outlives a request. The
 * agent platform sends x-agent-session-id and x-agent-model, which end up in the trace.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import express from "express";

import { ApprovalsClient, OpaClient, StripeGateway } from "./clients.js";
import { loadConfig } from "./config.js";
import { registerBillingTools, type Deps } from "./tools/index.js";
import { Tracer } from "./trace.js";

const config = loadConfig();

const deps: Deps = {
  config,
  stripe: new StripeGateway(config),
  opa: new OpaClient(config.opaUrl, 2_000),
  approvals: new ApprovalsClient(config.approvalsApiUrl, config.approvalsApiToken, config.limits.toolCallTimeoutMs),
  tracer: new Tracer(config.traceHashSalt),
};

function buildServer(): McpServer {
  const server = new McpServer(
    { name: "billing-mcp", version: "0.7.2" },
    { instructions: "Stripe invoices, refunds and billing contacts for finance-ops. Amounts are in minor units." },
  );
  registerBillingTools(server, deps);
  return server;
}

const app = express();
app.use(express.json({ limit: "256kb" }));

app.post("/mcp", async (req, res) => {
  const server = buildServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => {
    void transport.close();
    void server.close();
  });
  try {
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
  } catch (err) {
    console.error("billing-mcp: request failed", err);
    if (!res.headersSent) {
      res.status(500).json({ jsonrpc: "2.0", error: { code: -32603, message: "Internal server error" }, id: null });
    }
  }
});

app.get("/healthz", (_req, res) => {
  res.json({ ok: true, env: config.env, writes_enabled: config.writesEnabled });
});

app.listen(config.port, () => {
  console.error(`billing-mcp listening on :${config.port} (${config.env}, writes ${config.writesEnabled ? "on" : "off"})`);
});
