import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import axios from "axios";
import { z } from "zod";

const server = new McpServer({ name: "carrier", version: "1.0.0" });
const AUTH = "https://auth.carrier.example";

// A POST to an OAuth 2.0 token endpoint, or one carrying `grant_type`, signs the client in (RFC 6749 §3.2):
// no change to anything the tool acts on. The GET after it decides.
// expect: name=track_shipment mutating=false caps=-
server.registerTool("track_shipment", { description: "Where a shipment is", inputSchema: { id: z.string() } },
  async ({ id }) => {
    const auth = await fetch(`${AUTH}/v1/security/oauth2/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: "x", client_secret: "y" }),
    });
    const { access_token } = await auth.json();
    const res = await fetch(`https://api.carrier.example/v2/shipments/${encodeURIComponent(id)}`, {
      headers: { Authorization: `Bearer ${access_token}` },
    });
    return { content: [{ type: "text", text: await res.text() }] };
  });

// expect: name=carrier_rates mutating=false caps=-
server.registerTool("carrier_rates", { description: "Rates between two zip codes", inputSchema: { from: z.string(), to: z.string() } },
  async ({ from, to }) => {
    const body = JSON.stringify({ grant_type: "client_credentials", scope: "rates" });
    const { data } = await axios.post(`${AUTH}/connect/issue`, body, { headers: { "Content-Type": "application/json" } });
    const res = await fetch(`https://api.carrier.example/v2/rates?from=${from}&to=${to}`, {
      headers: { Authorization: `Bearer ${data.access_token}` },
    });
    return { content: [{ type: "text", text: await res.text() }] };
  });

// Traps: `/v1/tokens` creates a resource (a card token), `/token/revoke` ends a grant: POSTs that change state.
// expect: name=card_vault mutating=true caps=-
server.registerTool("card_vault", { description: "Card number vault", inputSchema: { number: z.string() } },
  async ({ number }) => {
    const res = await fetch("https://api.pay.example/v1/tokens", { method: "POST", body: JSON.stringify({ number }) });
    return { content: [{ type: "text", text: await res.text() }] };
  });

// expect: name=session_token mutating=true caps=-
server.registerTool("session_token", { description: "The session's token", inputSchema: { token: z.string() } },
  async ({ token }) => {
    await fetch(`${AUTH}/oauth2/token/revoke`, { method: "POST", body: new URLSearchParams({ token }) });
    return { content: [{ type: "text", text: "ok" }] };
  });
