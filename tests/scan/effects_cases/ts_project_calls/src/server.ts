import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { purge, label, wipe, where } from "./lib/jobs.js";
import { ensureRoot, makeFolder, sessionsDir, archiveDir } from "./lib/store";
import { compactQueue } from "./lib/missing";
import { QUEUES } from "./lib/missing";

const server = new McpServer({ name: "jobs", version: "1.0.0" });

// expect: name=queue_maintenance mutating=true
server.registerTool("queue_maintenance", { description: "The queue", inputSchema: { queue: z.string() } },
  async ({ queue }) => ({ content: [{ type: "text", text: purge(queue) }] }));

// expect: name=queue_caption mutating=false unverified=false
server.registerTool("queue_caption", { description: "The queue's label", inputSchema: { queue: z.string() } },
  async ({ queue }) => ({ content: [{ type: "text", text: label(queue) }] }));

// expect: name=notes_root mutating=false unverified=false
server.registerTool("notes_root", { description: "Where notes live", inputSchema: {} },
  async () => ({ content: [{ type: "text", text: await ensureRoot() }] }));

// expect: name=notes_folder mutating=true
server.registerTool("notes_folder", { description: "A notes folder", inputSchema: { name: z.string() } },
  async ({ name }) => {
    await makeFolder(name);
    return { content: [{ type: "text", text: "ok" }] };
  });

// expect: name=queue_compact mutating=false unverified=true
server.registerTool("queue_compact", { description: "The queue, compacted", inputSchema: { queue: z.string() } },
  async ({ queue }) => {
    await compactQueue(queue);  // a file parr did not read: unknown, said
    return { content: [{ type: "text", text: String(QUEUES.has(queue)) }] };  // a pure method: nothing unknown
  });

// expect: name=queue_stats mutating=false unverified=false
server.registerTool("queue_stats", { description: "Queue statistics", inputSchema: { queue: z.string() } },
  async ({ queue }) => ({ content: [{ type: "text", text: String(QUEUES.has(queue)) }] }));

declare const env: { CACHE_KV: any; NOTES_KV: any };

// expect: name=page_text mutating=false
server.registerTool("page_text", { description: "A page's text", inputSchema: { url: z.string() } },
  async ({ url }) => {
    const text = await (await fetch(url)).text();
    await env.CACHE_KV.put(url, text);  // a cache keeps a copy of what was read
    return { content: [{ type: "text", text }] };
  });

// expect: name=page_note mutating=true
server.registerTool("page_note", { description: "A page's note", inputSchema: { url: z.string(), note: z.string() } },
  async ({ url, note }) => {
    await env.NOTES_KV.put(url, note);  // a store of the tool's own notes: a write
    return { content: [{ type: "text", text: "ok" }] };
  });

// expect: name=sessions_path mutating=false unverified=false
server.registerTool("sessions_path", { description: "Where sessions live", inputSchema: {} },
  async () => ({ content: [{ type: "text", text: sessionsDir() }] }));

// expect: name=archive_path mutating=true
server.registerTool("archive_path", { description: "An archive's path", inputSchema: { name: z.string() } },
  async ({ name }) => ({ content: [{ type: "text", text: archiveDir(name) }] }));

// expect: name=jobs_area mutating=true
server.registerTool("jobs_area", { description: "The jobs area", inputSchema: { dir: z.string() } },
  async ({ dir }) => {
    wipe(dir);
    return { content: [{ type: "text", text: "ok" }] };
  });

// expect: name=jobs_home mutating=false unverified=false
server.registerTool("jobs_home", { description: "Where jobs live", inputSchema: { dir: z.string() } },
  async ({ dir }) => ({ content: [{ type: "text", text: where(dir) }] }));
