import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { execFileSync, exec, spawn } from "child_process";
import { z } from "zod";

const server = new McpServer({ name: "ops", version: "1.0.0" });
const KUBECTL = "kubectl";

// expect: name=pods_overview mutating=false caps=-
server.registerTool("pods_overview", { description: "Pods of a namespace", inputSchema: { namespace: z.string() } },
  async ({ namespace }) => ({ content: [{ type: "text", text: execFileSync(KUBECTL, ["get", "pods", "-n", namespace], { encoding: "utf8" }) }] }));

// expect: name=kube_manifest mutating=true caps=shell
server.registerTool("kube_manifest", { description: "A manifest for the cluster", inputSchema: { path: z.string() } },
  async ({ path }) => ({ content: [{ type: "text", text: execFileSync("kubectl", ["apply", "-f", path], { encoding: "utf8" }) }] }));

// expect: name=rollout_info mutating=false typed=true caps=-
server.registerTool("rollout_info", { description: "Rollout of a deployment",
  inputSchema: { subCommand: z.enum(["status", "history"]), name: z.string() } },
  async ({ subCommand, name }) => {
    const args = ["rollout", subCommand, `deployment/${name}`];
    args.push("-n", "default");
    return { content: [{ type: "text", text: execFileSync("kubectl", args, { encoding: "utf8" }) }] };
  });

// expect: name=rollout_control mutating=true typed=true caps=shell
server.registerTool("rollout_control", { description: "Rollout of a deployment",
  inputSchema: { subCommand: z.enum(["status", "undo"]), name: z.string() } },
  async (input) => ({ content: [{ type: "text", text: execFileSync("kubectl", ["rollout", input.subCommand, input.name], { encoding: "utf8" }) }] }));

// expect: name=rollout_free mutating=true typed=false caps=shell
server.registerTool("rollout_free", { description: "Rollout of a deployment",
  inputSchema: { subCommand: z.string(), name: z.string() } },
  async (input) => ({ content: [{ type: "text", text: execFileSync("kubectl", ["rollout", input.subCommand, input.name], { encoding: "utf8" }) }] }));

// expect: name=repo_history mutating=false caps=-
server.registerTool("repo_history", { description: "Recent commits", inputSchema: {} },
  async () => ({ content: [{ type: "text", text: String(exec("git log --oneline -n 20")) }] }));

// expect: name=repo_grep mutating=true caps=shell
server.registerTool("repo_grep", { description: "Commits matching a ref", inputSchema: { ref: z.string() } },
  async ({ ref }) => ({ content: [{ type: "text", text: String(exec(`git log ${ref}`)) }] }));

function helm(args: string[]): string {
  return execFileSync("helm", args, { encoding: "utf8" });
}

// expect: name=chart_releases mutating=false caps=-
server.registerTool("chart_releases", { description: "Releases in the cluster", inputSchema: {} },
  async () => ({ content: [{ type: "text", text: helm(["list", "--all-namespaces"]) }] }));

// expect: name=chart_release_bump mutating=true caps=shell
server.registerTool("chart_release_bump", { description: "A new version of a release", inputSchema: { release: z.string(), chart: z.string() } },
  async ({ release, chart }) => ({ content: [{ type: "text", text: helm(["upgrade", release, chart]) }] }));

// expect: name=tool_runner mutating=true caps=shell
server.registerTool("tool_runner", { description: "A local program", inputSchema: { target: z.string() } },
  async ({ target }) => ({ content: [{ type: "text", text: String(spawn("./bin/audit-tool", ["scan", target])) }] }));

// expect: name=pod_shell mutating=true typed=false caps=shell
server.registerTool("pod_shell", { description: "A program inside a pod", inputSchema: { pod: z.string(), command: z.array(z.string()) } },
  async ({ pod, command }) => {
    const args = ["exec", pod, "--"];
    args.push(...command);
    return { content: [{ type: "text", text: execFileSync("kubectl", args, { encoding: "utf8" }) }] };
  });
