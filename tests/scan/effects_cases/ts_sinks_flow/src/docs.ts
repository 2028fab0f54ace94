import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";

declare const docsGraphqlClient: { query(request: { query: string }): Promise<unknown> };
declare const queryEngine: { query(request: { query: string }): Promise<unknown> };
declare const kb: { search(request: { query: string }): Promise<unknown> };

const server = new McpServer({ name: "docs", version: "1.0.0" });

// The model writes the GraphQL document the API runs.
// expect: name=search_docs mutating=false typed=false caps=-
server.registerTool("search_docs", {
  description: "Search the docs with a GraphQL query",
  inputSchema: { graphql_query: z.string() },
  annotations: { readOnlyHint: true },
}, async ({ graphql_query }) => ({
  content: [{ type: "text", text: JSON.stringify(await docsGraphqlClient.query({ query: graphql_query })) }],
}));

// The same call shape on a query engine: a question in words, not a document.
// expect: name=ask_docs mutating=false typed=true caps=-
server.registerTool("ask_docs", {
  description: "Ask a question about the docs",
  inputSchema: { question: z.string() },
}, async ({ question }) => ({
  content: [{ type: "text", text: JSON.stringify(await queryEngine.query({ query: question })) }],
}));

// One alternative of the body takes any keys: untyped.
// expect: name=post_record mutating=true typed=false caps=-
server.registerTool("post_record", {
  description: "Store a record",
  inputSchema: {
    table: z.enum(["notes", "tags"]),
    body: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]).optional(),
  },
}, async ({ table, body }) => {
  await fetch(`https://records.example.com/${table}`, { method: "POST", body: JSON.stringify(body) });
  return { content: [{ type: "text", text: "stored" }] };
});

// A union of declared shapes: typed.
// expect: name=find_records mutating=false typed=true caps=-
server.registerTool("find_records", {
  description: "Find records",
  inputSchema: { filter: z.union([z.object({ id: z.string() }), z.object({ tag: z.string() })]) },
}, async ({ filter }) => ({ content: [{ type: "text", text: JSON.stringify(await kb.search({ query: JSON.stringify(filter) })) }] }));

declare const platform: { database: { applyMigration(projectId: string, options: { name: string; query: string }): Promise<void> } };

// A platform client's migration call runs the SQL it is given; the migration's name is only a label.
// expect: name=apply_migration mutating=true typed=false caps=sql
server.registerTool("apply_migration", {
  description: "Apply a migration",
  inputSchema: { project_id: z.string(), name: z.string(), query: z.string() },
}, async ({ project_id, name, query }) => {
  await platform.database.applyMigration(project_id, { name, query });
  return { content: [{ type: "text", text: "applied" }] };
});
