"""Tool classes registered by a base class, and definitions returned by project functions: the parts the
case files (frameworks/cases/tool_classes.yaml, openclaw.yaml) do not reach."""

from __future__ import annotations

from parr.scan.typescript import TypeScriptScanner
from parr.scan.typescript.classes import may_extend_project

from tests.scan.typescript.ts_scan_helpers import outputs_under_hash_seeds, scan_sources_and_sites


def _scan(files: dict[str, str]):
    records, sites = scan_sources_and_sites(files)
    return {r.name: r for r in records}, sites


_BASE = """
export abstract class Base {
  abstract name: string;
  abstract description: string;
  register(server: any) {
    server.registerTool(this.name, { description: this.description }, (a: unknown) => this.run(a));
  }
  abstract run(a: unknown): Promise<unknown>;
}
"""


def test_subclass_in_a_file_without_tool_words_is_read():
    """The subclass's file names no tool API (no trigger of the full detector): read for its classes alone."""
    tools, sites = _scan({
        "src/base.ts": _BASE,
        "src/purge.ts": 'import { Base } from "./base";\n'
                        'export class Purge extends Base {\n'
                        '  name = "purge_cache";\n'
                        '  description = "Empty the cache";\n'
                        '  async run() { await fetch("https://cache.example.com/all", { method: "DELETE" }); }\n'
                        '}\n',
    })
    assert set(tools) == {"purge_cache"} and not sites
    t = tools["purge_cache"]
    assert (t.file, t.line, t.mutating, t.description) == ("src/purge.ts", 2, True, "Empty the cache")
    assert "fetch with method DELETE" in t.evidence


def test_without_the_base_the_same_subclass_is_no_tool():
    tools, sites = _scan({
        "src/purge.ts": 'import { Base } from "./base";\n'
                        'export class Purge extends Base { name = "purge_cache"; description = "x"; }\n',
    })
    assert tools == {} and sites == []


def test_framework_base_of_the_same_name_is_not_this_projects():
    """`extends Base` imported from a package a framework owns is not the project's registering Base."""
    tools, sites = _scan({
        "src/base.ts": _BASE,
        "src/other.ts": 'import { Base } from "@langchain/core/tools";\n'
                        'export class Other extends Base { name = "other"; description = "x"; }\n',
    })
    assert tools == {}
    assert [s.line for s in sites] == [6]  # the base registers, no subclass of it was found


def test_screen_skips_files_whose_classes_extend_only_frameworks_or_globals():
    assert not may_extend_project(b'import { Tool } from "@langchain/core/tools";\n'
                                  b'export class T extends Tool { name = "t"; }\n')
    assert not may_extend_project(b'export class E extends Error { name = "E"; }\n')
    assert not may_extend_project(b'import { DurableObject } from "cloudflare:workers";\n'
                                  b'export class D extends DurableObject { name = "d"; }\n')
    assert may_extend_project(b'import { ToolBase } from "@acme/core";\n'
                              b'export class T extends ToolBase { name = "t"; }\n')
    assert may_extend_project(b'import { ToolBase } from "./base";\n'
                              b'export class T extends ToolBase { static toolName = "t"; }\n')


def test_returned_definition_without_a_schema_key_is_read_through_the_registration():
    """A factory returning { name, description, execute } (no schema key: nothing else reads it) is the tool
    only because a registration hands it over; the factory alone is no tool."""
    factory = ('export const NOTE_TOOLS = ["note_drop"];\n'
               'export function createNoteDrop(deps: { db: any }) {\n'
               '  return {\n'
               '    name: "note_drop",\n'
               '    description: "Forget a note",\n'
               '    async execute(_id: string, p: { id: string }) {\n'
               '      await fetch(`https://notes.example.com/${p.id}`, { method: "DELETE" });\n'
               '      return { content: [] };\n'
               '    },\n'
               '  };\n'
               '}\n')
    index = ('import type { OpenClawPluginApi } from "openclaw/plugin-sdk";\n'
             'import { createNoteDrop } from "./drop";\n'
             'export function register(api: OpenClawPluginApi) {\n'
             '  api.registerTool(createNoteDrop({ db: null }), { optional: false });\n'
             '}\n')
    tools, sites = _scan({"plugin/drop.ts": factory, "plugin/index.ts": index})
    assert set(tools) == {"note_drop"} and not sites
    t = tools["note_drop"]
    assert (t.file, t.line, t.framework, t.style, t.mutating) == ("plugin/drop.ts", 3, "openclaw",
                                                                  "openclaw.registerTool", True)
    alone, _ = _scan({"plugin/drop.ts": factory})
    assert alone == {}


_DISPATCHING_TOOL = """import { Base } from "./base";
declare const api: any;
export class Manage extends Base {
  name = "manage";
  description = "Manage resources";
  async run(a: any) {
    switch (a.action) {
      case "a": return this.alpha(a);
      case "b": return this.beta(a);
      case "c": return this.gamma(a);
      case "d": return this.delta(a);
      case "e": return this.epsilon(a);
      default: return this.zeta(a);
    }
  }
  private async alpha(a: any) { return api.createAlpha(a); }
  private async beta(a: any) { return api.deleteBeta(a); }
  private async gamma(a: any) { return api.updateGamma(a); }
  private async delta(a: any) { return api.removeDelta(a); }
  private async epsilon(a: any) { return api.patchEpsilon(a); }
  private async zeta(a: any) { return api.createZeta(a); }
}
"""


def test_methods_reached_give_their_evidence_in_source_order_in_every_process(tmp_path):
    """The captures' own order changed with the hash seed, so the same tree scanned to different JSON."""

    tools, _ = _scan({"src/base.ts": _BASE, "src/manage.ts": _DISPATCHING_TOOL})
    calls = [e.split("(")[0].removeprefix("api.") for e in tools["manage"].evidence if e.startswith("api.")]
    assert calls == ["createAlpha", "deleteBeta", "updateGamma", "removeDelta", "patchEpsilon", "createZeta"][:len(calls)]
    assert len(calls) >= 4, tools["manage"].evidence
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "base.ts").write_text('import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";\n' + _BASE)
    (tmp_path / "src" / "manage.ts").write_text(_DISPATCHING_TOOL)
    assert len(outputs_under_hash_seeds(tmp_path)) == 1


def test_method_effects_are_read_only_when_a_tool_reaches_them():
    """extract leaves a class's method effects for later (most classes are no tool's); resolve reads the
    file again through full_facts for the tool classes it finds. Without that reader a reached method is
    unread and the tool is not passed as a read (fail closed)."""
    files = {"src/base.ts": _BASE, "src/manage.ts": _DISPATCHING_TOOL}
    scanner = TypeScriptScanner()
    facts = {rel: scanner.extract(rel, text.encode()) for rel, text in files.items()}
    methods = [m for f in facts.values() for c in (f.get("tclasses") or {}).values()
               for m in (c.get("methods") or {}).values()]
    assert methods and not any(m.get("strong") for m in methods) and any(m.get("lazy") for m in methods)
    asked: list[str] = []

    def full(rel: str):
        asked.append(rel)
        return scanner.extract_full(rel, files[rel].encode())

    records, _ = scanner.resolve(facts, sites=[], full_facts=full)
    manage = next(r for r in records if r.name == "manage")
    assert manage.mutating and any(e.startswith("api.") for e in manage.evidence), manage.evidence
    assert asked and len(asked) == len(set(asked))  # each file read once, only when a tool reached it
    blind, _ = TypeScriptScanner().resolve(facts, sites=[])
    unread = next(r for r in blind if r.name == "manage")
    assert unread.mutating and any("not read" in e for e in unread.evidence), unread.evidence
