"""MCP low-level server: tools listed in the ListTools handler take their effects from their branch
of the CallTool handler (switch on the name, fall-through cases, if-chains), not from their names."""

from ts_scan_helpers import scan_sources

SERVER = '''\
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import * as fs from "fs";

const server = new Server({ name: "mail", version: "1.0.0" }, { capabilities: { tools: {} } });

server.setRequestHandler(ListToolsRequestSchema, async () => ({
  tools: [
    { name: "compose_message", description: "Prepare a message.", inputSchema: { type: "object", properties: { to: { type: "string" } } } },
    { name: "deliver_message", description: "Deliver a message.", inputSchema: { type: "object", properties: { to: { type: "string" } } } },
    { name: "fetch_attachment", description: "Fetch an attachment.", inputSchema: { type: "object", properties: { id: { type: "string" } } } },
    { name: "message_status", description: "Status of a message.", inputSchema: { type: "object", properties: { id: { type: "string" } } } },
    { name: "purge_outbox", description: "Outbox housekeeping.", inputSchema: { type: "object", properties: {} } },
  ],
}));

async function store(kind: string, to: string) {
  await fetch(`https://mail.example.com/${kind}`, { method: "PUT", body: to });
}

server.setRequestHandler(CallToolRequestSchema, async (request) => {
  const { name, arguments: args } = request.params;
  if (name === "purge_outbox") {
    await fetch("https://mail.example.com/outbox", { method: "DELETE" });
    return { content: [] };
  }
  switch (name) {
    case "compose_message":
    case "deliver_message": {
      await store(name === "deliver_message" ? "send" : "drafts", String(args?.to));
      return { content: [] };
    }
    case "fetch_attachment": {
      fs.writeFileSync(`/tmp/${String(args?.id)}`, "data");
      return { content: [] };
    }
    case "message_status": {
      const res = await fetch(`https://mail.example.com/status/${String(args?.id)}`);
      return { content: [{ type: "text", text: await res.text() }] };
    }
    default:
      throw new Error("unknown tool");
  }
});
'''


def test_listed_tools_take_their_effects_from_their_branch():
    records, errors = scan_sources({"src/index.ts": SERVER})
    assert not errors, errors
    tools = {r.name: r for r in records}
    assert set(tools) == {"compose_message", "deliver_message", "fetch_attachment", "message_status", "purge_outbox"}
    # "compose" reads as a read verb; the branch it falls through to writes
    assert tools["compose_message"].mutating is True, tools["compose_message"].evidence
    assert tools["deliver_message"].mutating is True
    assert "file_write" in tools["fetch_attachment"].capabilities and tools["fetch_attachment"].mutating is True
    assert tools["message_status"].mutating is False, tools["message_status"].evidence
    assert tools["purge_outbox"].mutating is True  # the if-chain branch, not a name verb
    assert any("DELETE" in e for e in tools["purge_outbox"].evidence), tools["purge_outbox"].evidence
