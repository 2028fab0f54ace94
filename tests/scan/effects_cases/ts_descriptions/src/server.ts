import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

const server = new McpServer({ name: "feeds", version: "1.0.0" });
const API = "https://api.feeds.example/v1";

// Nouns that the shared list reads as side effects ("posts", "charges") are nouns after a read verb, and
// "post engagement" is a noun phrase: the description states no change.
// expect: name=x_feed mutating=false caps=-
server.registerTool("x_feed", {
  description: "Search X posts for recent discussions, filtered by handles, date range, and post engagement metrics.",
  inputSchema: { query: z.string() },
}, async ({ query }) => ({ content: [{ type: "text", text: await (await fetch(`${API}/x?q=${encodeURIComponent(query)}`)).text() }] }));

// expect: name=billing_feed mutating=false caps=-
server.registerTool("billing_feed", { description: "List charges for a customer", inputSchema: { customer: z.string() } },
  async ({ customer }) => ({ content: [{ type: "text", text: await (await fetch(`${API}/charges?customer=${customer}`)).text() }] }));

// A POST whose description leads with a read verb and states no change is a request (a search or context API).
// expect: name=code_docs mutating=false caps=-
server.registerTool("code_docs", { description: "Get the context about a programming library", inputSchema: { query: z.string() } },
  async ({ query }) => {
    const res = await fetch(`${API}/context`, { method: "POST", body: JSON.stringify({ query }) });
    return { content: [{ type: "text", text: await res.text() }] };
  });

// Traps: a verb in first position, or after "and" with its object, still says it changes something; a POST
// described as a read and a change is a change.
// expect: name=social_bridge mutating=true caps=-
server.registerTool("social_bridge", { description: "Posts a message to a channel", inputSchema: { text: z.string() } },
  async ({ text }) => {
    const res = await fetch(`${API}/messages`, { method: "POST", body: JSON.stringify({ text }) });
    return { content: [{ type: "text", text: await res.text() }] };
  });

// expect: name=digest mutating=true caps=-
server.registerTool("digest", { description: "Fetch the latest posts, then post a summary to the team channel", inputSchema: {} },
  async () => {
    const res = await fetch(`${API}/digest`, { method: "POST" });
    return { content: [{ type: "text", text: await res.text() }] };
  });

// expect: name=ticket_hub mutating=true caps=-
server.registerTool("ticket_hub", { description: "Get a ticket and update its status", inputSchema: { id: z.string(), status: z.string() } },
  async ({ id, status }) => {
    const res = await fetch(`${API}/tickets/${id}`, { method: "POST", body: JSON.stringify({ status }) });
    return { content: [{ type: "text", text: await res.text() }] };
  });
