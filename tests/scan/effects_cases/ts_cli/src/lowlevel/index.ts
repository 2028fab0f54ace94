import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { clusterRollout, clusterRolloutSchema, clusterRolloutViewSchema } from "./tools/rollout.js";
import { clusterPods, clusterPodsSchema, clusterNode, clusterNodeSchema } from "./tools/pods.js";

const server = new Server({ name: "cluster", version: "1.0.0" }, { capabilities: { tools: {} } });
const allTools = [clusterRolloutSchema, clusterRolloutViewSchema, clusterPodsSchema, clusterNodeSchema];

function withTiming<T extends (...a: any[]) => any>(fn: T): T {
  return (async (...a: any[]) => fn(...a)) as T;
}

server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: allTools }));

server.setRequestHandler(
  CallToolRequestSchema,
  withTiming(async (request: { params: { name: string; arguments?: Record<string, any> } }) => {
    const { name, arguments: input = {} } = request.params;
    if (name === "cluster_rollout" || name === "cluster_rollout_view") {
      return await clusterRollout(input as { subCommand: string; name: string });
    }
    if (name === "cluster_pods") {
      return await clusterPods(input);
    }
    if (name === "cluster_node_maintenance") {
      return await clusterNode(input as { node: string });
    }
    throw new Error(`unknown tool ${name}`);
  }),
);
