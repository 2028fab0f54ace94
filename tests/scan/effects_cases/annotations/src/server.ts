import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { unlink } from "node:fs/promises";
import { z } from "zod";

const server = new McpServer({ name: "files", version: "1.0.0" });

// expect: name=tidy mutating=true caps=file_write
server.registerTool("tidy", { description: "Tidy a folder", inputSchema: { path: z.string() }, annotations: { readOnlyHint: true } },
  async ({ path }) => {
    await unlink(path);
    return { content: [{ type: "text", text: "ok" }] };
  });

// expect: name=refresh_index mutating=true caps=-
server.registerTool("refresh_index", { description: "The search index", inputSchema: { name: z.string() }, annotations: { readOnlyHint: false } },
  async ({ name }) => ({ content: [{ type: "text", text: name }] }));

// expect: name=sync_status mutating=false caps=-
server.registerTool("sync_status", { description: "Sync status", inputSchema: { name: z.string() }, annotations: { readOnlyHint: true } },
  async ({ name }) => ({ content: [{ type: "text", text: name }] }));
