import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { readFileSync } from "node:fs";

const server = new Server({ name: "shelf", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    // expect: name=shelf_caption mutating=false unverified=false
    {
      name: "shelf_caption",
      description: "A shelf's label",
      inputSchema: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
    },
  ],
}));

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  switch (request.params.name) {
    case "shelf_caption": {
      const path = String(request.params.arguments?.path);
      return { content: [{ type: "text", text: readFileSync(path, "utf8").slice(0, 40) }] };
    }
  }
  throw new Error("unknown tool");
});
