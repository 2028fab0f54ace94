"""benchmarks/llamaindex_ts_builtins.py on a made-up @llamaindex/tools tarball: the factories and names come from the
bundle, the flags from parr's reading of the bundle; the committed module has the shape the family reads."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from parr.scan.typescript.frameworks import llamaindex_builtins
from tests.scan.python.generator_helpers import generated_module, load_generator

# Made-up bundle in the layout of @llamaindex/tools' dist/index.js (no third-party code).
_BUNDLE = '''import { tool } from "@llamaindex/core/tools";
import { z } from "@llamaindex/core/zod";
import fs from "node:fs/promises";

async function saveNote(path, body) {
    await fs.writeFile(path, body);
}
const noteWriter = ()=>{
    return tool({
        name: "note_writer",
        description: "Write a note to disk",
        parameters: z.object({ path: z.string(), body: z.string() }),
        execute: async ({ path, body })=>{
            await saveNote(path, body);
            return "saved";
        }
    });
};
const clock = ()=>{
    return tool({
        name: "clock",
        description: "Tell the time",
        parameters: z.object({}),
        execute: async ()=>new Date().toISOString()
    });
};
const mcp = (options)=>options;
const helper = ()=>tool({ name: "not_exported", description: "x", parameters: z.object({}), execute: ()=>1 });
export { clock, mcp, noteWriter };
'''


def _tgz(path: Path) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for rel, data in (("package.json", json.dumps({"name": "@llamaindex/tools", "version": "9.9.9"})),
                          ("dist/index.js", _BUNDLE)):
            raw = data.encode()
            info = tarfile.TarInfo(f"package/{rel}")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
    return path


def test_factories_names_and_flags_from_the_bundle(tmp_path: Path) -> None:
    gen = load_generator("llamaindex_ts_builtins")
    text = gen.main(str(_tgz(tmp_path / "tools.tgz")))
    ns = generated_module(text, "llamaindex_builtins")
    assert "@llamaindex/tools 9.9.9" in text
    assert ns["FACTORIES"] == {"clock": ("clock", False, True), "noteWriter": ("note_writer", True, True)}
    assert ns["RUNTIME"] == ("mcp",)


def test_committed_module_has_the_shape_the_family_reads() -> None:
    assert llamaindex_builtins.FACTORIES and "mcp" in llamaindex_builtins.RUNTIME
    for factory, (name, mutating, typed) in llamaindex_builtins.FACTORIES.items():
        assert factory.isidentifier() and name and isinstance(mutating, bool) and isinstance(typed, bool)
