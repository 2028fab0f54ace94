import { runSafe } from "../util/run.js";

// expect: name=cluster_pods mutating=false caps=-
export const clusterPodsSchema = {
  name: "cluster_pods",
  description: "Pods of a namespace, or of one deployment",
  inputSchema: {
    type: "object",
    properties: { namespace: { type: "string" }, deployment: { type: "string" } },
  },
};

function kubectl(args: string[]): string {
  return runSafe("kubectl", args);
}

export async function clusterPods(input: { namespace?: string; deployment?: string }) {
  let args;
  if (input.deployment) {
    args = ["get", "pods", "-l", `app=${input.deployment}`];
  } else {
    args = ["get", "pods", "-n", input.namespace || "default"];
  }
  return { content: [{ type: "text", text: kubectl(args) }] };
}

// expect: name=cluster_node_maintenance mutating=true caps=shell
export const clusterNodeSchema = {
  name: "cluster_node_maintenance",
  description: "Maintenance of a node",
  inputSchema: { type: "object", properties: { node: { type: "string" }, quiet: { type: "boolean" } } },
};

export async function clusterNode(input: { node: string; quiet?: boolean }) {
  let args;
  if (input.quiet) {
    args = ["describe", "node", input.node];
  } else {
    args = ["drain", input.node, "--ignore-daemonsets"];
  }
  return { content: [{ type: "text", text: kubectl(args) }] };
}
