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
