import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { Pool } from "pg";
import { z } from "zod";

const server = new McpServer({ name: "warehouse", version: "1.0.0" });
const pool = new Pool();

// expect: name=run_report mutating=true typed=false caps=sql
server.registerTool("run_report", { description: "A report as the model phrases it", inputSchema: { sql: z.string() } },
  async ({ sql }) => ({ content: [{ type: "text", text: JSON.stringify((await pool.query(sql)).rows) }] }));

// expect: name=region_revenue mutating=false typed=true caps=-
server.registerTool("region_revenue", { description: "Revenue of a region", inputSchema: { region: z.string() } },
  async ({ region }) => ({
    content: [{ type: "text", text: JSON.stringify((await pool.query("SELECT SUM(amount) FROM sales WHERE region = $1", [region])).rows) }],
  }));

// A platform client's executeSql(projectId, { query, read_only }): the statement is the options' query.
declare const database: { executeSql(projectId: string, options: { query: string; read_only?: boolean }): Promise<unknown[]> };

// expect: name=list_schemas mutating=false typed=true caps=-
server.registerTool("list_schemas", { description: "Schemas of a project", inputSchema: { project_id: z.string() } },
  async ({ project_id }) => ({
    content: [{ type: "text", text: JSON.stringify(await database.executeSql(project_id, {
      query: "SELECT schema_name FROM information_schema.schemata", read_only: true })) }],
  }));

// expect: name=run_project_sql mutating=true typed=false caps=sql
server.registerTool("run_project_sql", { description: "Run SQL in a project",
  inputSchema: { project_id: z.string(), query: z.string() } },
  async ({ project_id, query }) => ({
    content: [{ type: "text", text: JSON.stringify(await database.executeSql(project_id, { query, read_only: true })) }],
  }));

// A REST SDK's resources take ids and names first; the SQL is the entry the options name for it.
declare const client: {
  d1: { database: { get(id: string): Promise<unknown>; query(id: string, o: { sql: string }): Promise<unknown> } };
  r2: { buckets: { get(name: string): Promise<unknown> } };
};

// expect: name=d1_get mutating=false typed=true caps=-
server.registerTool("d1_get", { description: "A D1 database", inputSchema: { database_id: z.string() } },
  async ({ database_id }) => ({ content: [{ type: "text", text: JSON.stringify(await client.d1.database.get(database_id)) }] }));

// expect: name=d1_run mutating=true typed=false caps=sql
server.registerTool("d1_run", { description: "Run a statement on a D1 database",
  inputSchema: { database_id: z.string(), sql: z.string() } },
  async ({ database_id, sql }) => ({ content: [{ type: "text", text: JSON.stringify(await client.d1.database.query(database_id, { sql })) }] }));

// expect: name=bucket_details mutating=false typed=true caps=-
server.registerTool("bucket_details", { description: "An R2 bucket", inputSchema: { name: z.string() } },
  async ({ name }) => ({ content: [{ type: "text", text: JSON.stringify(await client.r2.buckets.get(name)) }] }));

// node-sqlite3 runs the text it is given: db.all(sql) on the database itself.
declare const db: { all(sql: string): Promise<unknown[]> };

// expect: name=ask_sqlite mutating=true typed=false caps=sql
server.registerTool("ask_sqlite", { description: "Answer from the local database", inputSchema: { input: z.string() } },
  async ({ input }) => ({ content: [{ type: "text", text: JSON.stringify(await db.all(input)) }] }));
