import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import axios from "axios";

const API = "https://api.tracker.example/v2";

export async function apiCall(path: string, method: string = "GET", body?: unknown) {
  switch (method.toUpperCase()) {
    case "GET":
      return (await fetch(`${API}/${path}`)).json();
    case "POST":
      return (await axios.post(`${API}/${path}`, body)).data;
    default:
      return (await axios.delete(`${API}/${path}`)).data;
  }
}

export async function raw(method: string, path: string) {
  const res = await fetch(`${API}/${path}`, { method: method.toUpperCase() });
  return res.json();
}

// A file that declares tools exports its helpers' effects to the tools of other files.
export const admin = new McpServer({ name: "admin", version: "1.0.0" });

// expect: name=list_users mutating=false
admin.registerTool("list_users", { description: "Users", inputSchema: {} },
  async () => ({ content: [{ type: "text", text: JSON.stringify(await apiCall("users")) }] }));
