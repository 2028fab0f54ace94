import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { MongoClient } from "mongodb";
import { z } from "zod";

const server = new McpServer({ name: "orders-db", version: "1.0.0" });
const client = new MongoClient(process.env.MONGO_URL ?? "");
const orders = client.db("shop").collection("orders");

// A filter of any keys handed whole to find() is MQL the database interprets: untyped.
// expect: name=query_orders mutating=false typed=false caps=-
server.registerTool("query_orders", { description: "Orders matching a MongoDB filter",
  inputSchema: { filter: z.record(z.string(), z.unknown()), limit: z.number() } },
  async ({ filter, limit }) => ({ content: [{ type: "text", text: JSON.stringify(await orders.find(filter).limit(limit).toArray()) }] }));

// A filter built here from declared fields is a parameterised query: typed.
// expect: name=orders_of_customer mutating=false typed=true caps=-
server.registerTool("orders_of_customer", { description: "Orders of one customer",
  inputSchema: { customer_id: z.string(), status: z.enum(["open", "shipped"]) } },
  async ({ customer_id, status }) => ({
    content: [{ type: "text", text: JSON.stringify(await orders.find({ customerId: customer_id, status }).toArray()) }],
  }));

// A pipeline the model gives, run as given, may end in $out or $merge: it writes, and it is untyped.
// expect: name=aggregate_orders mutating=true typed=false caps=-
server.registerTool("aggregate_orders", { description: "Run an aggregation pipeline over orders",
  inputSchema: { pipeline: z.array(z.record(z.string(), z.unknown())) } },
  async ({ pipeline }) => ({ content: [{ type: "text", text: JSON.stringify(await orders.aggregate(pipeline).toArray()) }] }));

// A fixed pipeline only reads; asking for the plan of a given one runs none of its stages.
// expect: name=status_totals mutating=false typed=true caps=-
server.registerTool("status_totals", { description: "Totals per status", inputSchema: { status: z.string() } },
  async ({ status }) => ({
    content: [{ type: "text", text: JSON.stringify(await orders.aggregate([{ $match: { status } },
      { $group: { _id: "$status", total: { $sum: "$amount" } } }]).toArray()) }],
  }));

// expect: name=explain_pipeline mutating=false typed=false caps=-
server.registerTool("explain_pipeline", { description: "The query plan of a pipeline",
  inputSchema: { pipeline: z.array(z.record(z.string(), z.unknown())) } },
  async ({ pipeline }) => ({ content: [{ type: "text", text: JSON.stringify(await orders.aggregate(pipeline).explain("queryPlanner")) }] }));

// The fields of a shape of this file spread into the input are read as its own.
const FilterArgs = { filter: z.record(z.string(), z.unknown()).optional() };
// expect: name=count_orders mutating=false typed=false caps=-
server.registerTool("count_orders", { description: "How many orders match a filter",
  inputSchema: { ...FilterArgs, max_time_ms: z.number().optional() } },
  async ({ filter }) => ({ content: [{ type: "text", text: String(await orders.countDocuments(filter ?? {})) }] }));
