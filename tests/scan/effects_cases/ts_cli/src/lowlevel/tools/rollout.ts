import { runSafe } from "../util/run.js";

// expect: name=cluster_rollout mutating=true typed=true caps=shell
export const clusterRolloutSchema = {
  name: "cluster_rollout",
  description: "Rollout of a deployment",
  inputSchema: {
    type: "object",
    properties: {
      subCommand: { type: "string", enum: ["status", "history", "undo", "restart"] },
      name: { type: "string" },
    },
    required: ["subCommand", "name"],
  },
};

// expect: name=cluster_rollout_view mutating=false caps=-
export const clusterRolloutViewSchema = {
  name: "cluster_rollout_view",
  description: "Rollout of a deployment",
  inputSchema: {
    type: "object",
    properties: {
      subCommand: { type: "string", enum: ["status", "history"] },
      name: { type: "string" },
    },
    required: ["subCommand", "name"],
  },
};

export async function clusterRollout(input: { subCommand: string; name: string }) {
  const command = "kubectl";
  const args = ["rollout", input.subCommand, `deployment/${input.name}`];
  return { content: [{ type: "text", text: runSafe(command, args) }] };
}
