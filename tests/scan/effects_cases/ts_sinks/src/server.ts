import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { DatabaseIdParam, StatementParam } from "./params";

declare const stagehand: { act(instruction: string): Promise<unknown>; observe(instruction: string): Promise<unknown[]> };
declare const api: { d1: { database: { query(id: string, options: { sql: string }): Promise<unknown> } } };

const server = new McpServer({ name: "ops", version: "1.0.0" });

// The statement's field schema is imported: its type is not read here, and its value is run as SQL.
// expect: name=database_query mutating=true typed=false caps=sql
server.registerTool("database_query", {
  description: "Query a database",
  inputSchema: { database_id: DatabaseIdParam, sql: StatementParam },
}, async ({ database_id, sql }) => ({
  content: [{ type: "text", text: JSON.stringify(await api.d1.database.query(database_id, { sql })) }],
}));

// The same imported field used as an id only: no statement the model writes.
// expect: name=database_info mutating=false typed=true caps=-
server.registerTool("database_info", {
  description: "Describe a database",
  inputSchema: { database_id: DatabaseIdParam },
}, async ({ database_id }) => ({ content: [{ type: "text", text: database_id }] }));

// A model reads the instruction and drives the browser (Stagehand).
// expect: name=page_act mutating=true typed=false caps=browser
server.registerTool("page_act", {
  description: "Do something on the page",
  inputSchema: { action: z.string() },
}, async ({ action }) => ({ content: [{ type: "text", text: JSON.stringify(await stagehand.act(action)) }] }));

// expect: name=page_observe mutating=false typed=false caps=browser
server.registerTool("page_observe", {
  description: "Find elements on the page",
  inputSchema: { instruction: z.string() },
}, async ({ instruction }) => ({ content: [{ type: "text", text: JSON.stringify(await stagehand.observe(instruction)) }] }));

declare function callModel(body: unknown): Promise<string>;
declare const supervisorTools: unknown[];

// The text becomes the prompt of a model request that offers tools: a model acts on it.
// expect: name=ask_supervisor mutating=false typed=false caps=-
server.registerTool("ask_supervisor", {
  description: "Next response from the supervisor",
  inputSchema: { context: z.string() },
}, async ({ context }) => ({
  content: [{ type: "text", text: await callModel({ model: "m", tools: supervisorTools,
    input: [{ role: "user", content: `Context: ${context}` }] }) }],
}));

// A model request without tools only turns the text into other text.
// expect: name=summarize_note mutating=false typed=true caps=-
server.registerTool("summarize_note", {
  description: "Summary of a note",
  inputSchema: { note: z.string() },
}, async ({ note }) => ({
  content: [{ type: "text", text: await callModel({ model: "m", input: [{ role: "user", content: note }] }) }],
}));
