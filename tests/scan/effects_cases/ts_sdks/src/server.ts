import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { IAMClient, DetachRolePolicyCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import * as k8s from "@kubernetes/client-node";
import { WebClient } from "@slack/web-api";
import { z } from "zod";

const server = new McpServer({ name: "ops", version: "1.0.0" });
const iam = new IAMClient({});
const slack = new WebClient(process.env.SLACK_TOKEN);
const kc = new k8s.KubeConfig();
const core = kc.makeApiClient(k8s.CoreV1Api);

// expect: name=role_cleanup mutating=true caps=-
server.registerTool("role_cleanup", { description: "Role hygiene", inputSchema: { role: z.string(), arn: z.string() } },
  async ({ role, arn }) => {
    await iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: arn }));
    return { content: [{ type: "text", text: "ok" }] };
  });

// expect: name=role_policies mutating=false caps=-
server.registerTool("role_policies", { description: "Policies of a role", inputSchema: { role: z.string() } },
  async ({ role }) => {
    const out = await iam.send(new ListRolePoliciesCommand({ RoleName: role }));
    return { content: [{ type: "text", text: JSON.stringify(out.PolicyNames) }] };
  });

// expect: name=pod_recycle mutating=true caps=-
server.registerTool("pod_recycle", { description: "Recycle a pod", inputSchema: { pod: z.string() } },
  async ({ pod }) => {
    await core.deleteNamespacedPod({ name: pod, namespace: "default" });
    return { content: [{ type: "text", text: "ok" }] };
  });

// expect: name=team_note mutating=true caps=-
server.registerTool("team_note", { description: "A note for the team", inputSchema: { text: z.string() } },
  async ({ text }) => {
    await slack.chat.postMessage({ channel: "#ops", text });
    return { content: [{ type: "text", text: "ok" }] };
  });

import { google } from "googleapis";

const gmail = google.gmail({ version: "v1" });

// expect: name=inbox_cleanup mutating=true caps=-
server.registerTool("inbox_cleanup", { description: "Inbox hygiene", inputSchema: { id: z.string() } },
  async ({ id }) => {
    await gmail.users.messages.trash({ userId: "me", id });
    return { content: [{ type: "text", text: "ok" }] };
  });

// expect: name=inbox_search mutating=false caps=-
server.registerTool("inbox_search", { description: "Find messages", inputSchema: { q: z.string() } },
  async ({ q }) => ({ content: [{ type: "text", text: JSON.stringify((await gmail.users.messages.list({ userId: "me", q })).data) }] }));
