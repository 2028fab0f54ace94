import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { Hyperbrowser } from "@hyperbrowser/sdk";
import { z } from "zod";

const server = new McpServer({ name: "jobs", version: "1.0.0" });
const client = new Hyperbrowser({ apiKey: process.env.HB_KEY });

// expect: name=site_pages mutating=false
server.tool("site_pages", "A site's pages", { url: z.string() }, async ({ url }) => {
  const result = await client.crawl.startAndWait({ url });  // a crawl job: named by the resource it is called on
  return { content: [{ type: "text", text: JSON.stringify(result) }] };
});

// expect: name=site_agent mutating=true
server.tool("site_agent", "An agent on a site", { task: z.string() }, async ({ task }) => {
  const result = await client.agents.browserUse.startAndWait({ task });  // starts work that acts
  return { content: [{ type: "text", text: JSON.stringify(result) }] };
});
