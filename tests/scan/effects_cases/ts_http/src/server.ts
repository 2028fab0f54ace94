import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import axios from "axios";
import { z } from "zod";

const server = new McpServer({ name: "web", version: "1.0.0" });
const API = "https://api.example.com/v2";

// expect: name=read_url mutating=false caps=http
server.registerTool("read_url", { description: "Read a web page", inputSchema: { url: z.string() } },
  async ({ url }) => ({ content: [{ type: "text", text: await (await fetch(url)).text() }] }));

// expect: name=project_info mutating=false caps=-
server.registerTool("project_info", { description: "Info on a project", inputSchema: { id: z.string() } },
  async ({ id }) => ({ content: [{ type: "text", text: await (await fetch(`${API}/projects/${encodeURIComponent(id)}`)).text() }] }));

// expect: name=tenant_ping mutating=false caps=http
server.registerTool("tenant_ping", { description: "Ping a tenant", inputSchema: { host: z.string() } },
  async ({ host }) => ({ content: [{ type: "text", text: String((await fetch(`https://${host}/health`)).status) }] }));

// expect: name=pause_project mutating=true caps=-
server.registerTool("pause_project", { description: "Pause a project", inputSchema: { id: z.string() } },
  async ({ id }) => {
    await axios.delete(`${API}/projects/${id}/compute`);
    return { content: [{ type: "text", text: "paused" }] };
  });

const NWS_API_BASE = "https://api.weather.gov";

async function makeNWSRequest<T>(url: string): Promise<T | null> {
  const response = await fetch(url, { headers: { Accept: "application/geo+json" } });
  return response.ok ? ((await response.json()) as T) : null;
}

// expect: name=get_forecast mutating=false caps=-
server.registerTool("get_forecast", { description: "Forecast for a location", inputSchema: { latitude: z.number(), longitude: z.number() } },
  async ({ latitude, longitude }) => {
    const pointsUrl = `${NWS_API_BASE}/points/${latitude.toFixed(4)},${longitude.toFixed(4)}`;
    const data = await makeNWSRequest<unknown>(pointsUrl);
    return { content: [{ type: "text", text: JSON.stringify(data) }] };
  });

// expect: name=fetch_feed mutating=false caps=http
server.registerTool("fetch_feed", { description: "Any feed the model names", inputSchema: { feedUrl: z.string() } },
  async ({ feedUrl }) => ({ content: [{ type: "text", text: JSON.stringify(await makeNWSRequest<unknown>(feedUrl)) }] }));

// expect: name=doc_page mutating=false caps=-
server.registerTool("doc_page", { description: "A documentation page", inputSchema: { path: z.string() } },
  async ({ path }) => ({ content: [{ type: "text", text: await (await fetch(new URL(path, API))).text() }] }));

// expect: name=open_link mutating=false caps=http
server.registerTool("open_link", { description: "Open a link", inputSchema: { link: z.string() } },
  async ({ link }) => ({ content: [{ type: "text", text: await (await fetch(new URL(link))).text() }] }));
