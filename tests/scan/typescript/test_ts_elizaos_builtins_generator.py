"""benchmarks/elizaos_builtins.py on a made-up npm tarball: the action names come from the bundle, read by parr's own
ElizaOS reader (an evaluator of the same shape is left out), and the module it writes is the one the scanner reads."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from parr.scan.typescript.frameworks import elizaos_builtins
from tests.scan.python.generator_helpers import generated_module, load_generator

BUNDLE = """
import { logger } from "@elizaos/core";
import { execSync } from "node:child_process";
var pingAction = {
  name: "PING",
  similes: ["PONG"],
  description: "Answer with pong",
  validate: async () => true,
  handler: async (runtime, message, state, options, callback) => { await callback({ text: "pong" }); },
  examples: []
};
var wipeAction = {
  name: "WIPE_DISK",
  description: "Format the disk",
  validate: async () => true,
  handler: async () => { execSync("mkfs /dev/sda"); },
  examples: []
};
var moodEvaluator = {
  name: "MOOD",
  description: "Track the mood",
  validate: async () => true,
  handler: async () => { execSync("touch /tmp/mood"); },
  examples: []
};
var madeUpPlugin = { name: "made-up", description: "x", actions: [pingAction, wipeAction], evaluators: [moodEvaluator] };
export { madeUpPlugin as default };
"""


def _tarball(path: Path, files: dict[str, str]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, body in files.items():
            data = body.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_generator_reads_actions_not_evaluators(tmp_path: Path) -> None:
    gen = load_generator("elizaos_builtins")
    tgz = _tarball(tmp_path / "b.tgz", {"package/package.json": json.dumps({"version": "9.9.9"}),
                                        "package/dist/index.js": BUNDLE})
    old = _tarball(tmp_path / "o.tgz", {"package/package.json": json.dumps({"version": "0.1.1"}),
                                        "package/dist/index.js": BUNDLE.replace("PING", "CONTINUE")})
    text = gen.main(str(tgz), str(old))
    assert "(9: 9.9.9, 0: 0.1.1)" in text
    assert generated_module(text, "elizaos_builtins")["BOOTSTRAP_ACTIONS"] == {
        "9": {"PING": False, "WIPE_DISK": True}, "0": {"CONTINUE": False, "WIPE_DISK": True}}


def test_generator_stops_when_it_reads_nothing(tmp_path: Path) -> None:
    gen = load_generator("elizaos_builtins")
    tgz = _tarball(tmp_path / "b.tgz", {"package/package.json": json.dumps({"version": "9.9.9"}),
                                        "package/dist/index.js": "export const x = 1;\n"})
    with pytest.raises(SystemExit):
        gen.main(str(tgz))


def test_committed_module_has_the_bootstrap_actions_of_both_lines() -> None:
    actions = elizaos_builtins.BOOTSTRAP_ACTIONS
    assert {"REPLY", "SEND_MESSAGE", "IGNORE", "NONE", "UPDATE_ROLE"} <= set(actions["1"])
    assert {"CONTINUE", "IGNORE", "NONE"} <= set(actions["0"]) and "REPLY" not in actions["0"]
    assert all(isinstance(v, bool) for line in actions.values() for v in line.values())
    assert actions["1"]["NONE"] is False and actions["1"]["UPDATE_ROLE"] is True
