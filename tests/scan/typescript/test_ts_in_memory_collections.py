"""A Set, Map or array built in the file is in-memory state: its .delete()/.set()/.add() are not
HTTP or database writes, whatever the variable is called; a real client with the same name is."""

from ts_scan_helpers import scan_sources

_HEADER = 'import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\nconst server = new McpServer({ name: "s", version: "1" });\n'


def _tool(body: str, decl: str = "") -> str:
    return (_HEADER + decl +
            'server.registerTool("session_info", { description: "Session details.", inputSchema: {} },\n'
            '  async (args, extra) => {\n' + body + '\n    return { content: [] };\n  });\n')


def _one(src: str):
    records, errors = scan_sources({"server.ts": src})
    assert not errors, errors
    (record,) = records
    return record


def test_set_delete_is_not_an_http_delete():
    r = _one(_tool("    if (clients.has(extra.sessionId)) clients.delete(extra.sessionId); else clients.add(extra.sessionId);",
                   "const clients: Set<string | undefined> = new Set<string | undefined>();\n"))
    assert r.mutating is False
    assert not any("HTTP" in e for e in r.evidence), r.evidence


def test_map_set_on_a_cache_is_not_a_store_write():
    r = _one(_tool("    cache.set('k', 1); cache.delete('j');", "const cache = new Map();\n"))
    assert r.mutating is False, r.evidence


def test_annotated_collection_without_initialiser_value_shape():
    r = _one(_tool("    apiCalls.push(1); sessions.delete('x');",
                   "const apiCalls: number[] = [];\nconst sessions: Map<string, number> = loadSessions();\n"))
    assert r.mutating is False, r.evidence


def test_class_field_collection():
    src = (_HEADER + 'class Registry {\n  private clients = new Map<string, number>();\n'
           '  register() {\n    server.registerTool("session_info", { description: "Session details.", inputSchema: {} },\n'
           '      async () => { this.clients.delete("a"); return { content: [] }; });\n  }\n}\n')
    r = _one(src)
    assert r.mutating is False, r.evidence


def test_a_real_http_client_named_clients_still_writes():
    r = _one(_tool("    await clients.delete(`/v1/items/${args.id}`);",
                   'import axios from "axios";\nconst clients = axios.create({ baseURL: "https://api.example.com" });\n'))
    assert r.mutating is True
    assert any("DELETE" in e for e in r.evidence), r.evidence
