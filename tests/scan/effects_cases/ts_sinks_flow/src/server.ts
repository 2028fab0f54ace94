import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { isPing, logStatement, runChecked, runNamed, runStatement } from "./db";
import { runLogged } from "./forward";
import { getItem } from "./items";
import { Warehouse } from "./warehouse";

const server = new McpServer({ name: "warehouse", version: "1.0.0" });
const warehouse = new Warehouse();

// The SQL reaches a driver through a helper of another file.
// expect: name=run_query mutating=true typed=false caps=sql
server.registerTool("run_query", {
  description: "Run a query",
  inputSchema: { sql: z.string(), limit: z.number().optional() },
}, async ({ sql }) => ({ content: [{ type: "text", text: JSON.stringify(await runStatement(sql)) }] }));

// Two helpers deep: the first passes its parameter on to the second, which runs it.
// expect: name=run_checked_query mutating=true typed=false caps=sql
server.registerTool("run_checked_query", {
  description: "Run a query after logging it",
  inputSchema: { query: z.string(), label: z.string() },
}, async ({ query, label }) => ({ content: [{ type: "text", text: JSON.stringify(await runChecked(query, label)) }] }));

// Only the options entry the helper runs counts.
// expect: name=run_named mutating=true typed=false caps=sql
server.registerTool("run_named", {
  description: "Run a named query",
  inputSchema: { statement: z.string(), title: z.string() },
}, async (args) => ({ content: [{ type: "text", text: JSON.stringify(await runNamed({ sql: args.statement, name: args.title })) }] }));

// A method of a client class of another file runs it.
// expect: name=warehouse_sql mutating=true typed=false caps=sql
server.registerTool("warehouse_sql", {
  description: "Run SQL in the warehouse",
  inputSchema: { code: z.string() },
}, async ({ code }) => ({ content: [{ type: "text", text: JSON.stringify(await warehouse.execute(code)) }] }));

// The same class's method that binds its argument as a value: a table name, not SQL.
// expect: name=describe_table mutating=false typed=true caps=-
server.registerTool("describe_table", {
  description: "Columns of a table",
  inputSchema: { query: z.string() },
}, async ({ query }) => ({ content: [{ type: "text", text: JSON.stringify(await warehouse.describe(query)) }] }));

// The statement is only logged and compared: nothing runs it.
// expect: name=explain_statement mutating=false typed=true caps=-
server.registerTool("explain_statement", {
  description: "Explain what a statement would do",
  inputSchema: { sql: z.string() },
}, async ({ sql }) => {
  logStatement(sql);
  return { content: [{ type: "text", text: isPing(sql) ? "a ping" : "a statement" }] };
});

// A helper of another file passes the statement on to the helper that runs it.
// expect: name=run_logged mutating=true typed=false caps=sql
server.registerTool("run_logged", {
  description: "Run a query and log a note",
  inputSchema: { script: z.string(), note: z.string() },
}, async ({ script, note }) => ({ content: [{ type: "text", text: JSON.stringify(await runLogged(script, note)) }] }));

// A path segment under a fixed host: typed as declared.
// expect: name=get_item mutating=false typed=true caps=-
server.registerTool("get_item", {
  description: "Get an item",
  inputSchema: { code: z.string() },
}, async ({ code }) => ({ content: [{ type: "text", text: JSON.stringify(await getItem(code)) }] }));
