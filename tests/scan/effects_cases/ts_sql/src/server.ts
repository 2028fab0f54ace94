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
