"""SWE-agent tool bundles (YAML and scripts, read as data): the commands a bundle declares, the bundles
an agent config loads, and what each command's script does.

How SWE-agent exposes them (sweagent/tools/bundle.py, tools.py, commands.py of SWE-agent/SWE-agent;
docs/config/tools.md, docs/usage/adding_custom_tools.md): a bundle is a folder whose `config.yaml`
holds `tools: {NAME: {signature, docstring, arguments: [{name, type, description, required, enum,
items}]}}` (BundleConfig; `docstring` is required of every command) and optionally `state_command`;
its `bin/` holds one executable per command, installed on the PATH of the environment. An agent
config lists the bundles it loads under its tools config (`agent.tools.bundles: [{path, hidden_tools}]`,
paths relative to the config root), and ToolConfig turns every command of those bundles into a
function-calling schema, after the built-in `bash` (`enable_bash_tool`, true by default). The command
line a call runs is the signature with the arguments put in (`find_file <file_name> [<dir>]`): its
first word is the program, `bin/<that word>` of the bundle.

What is reported: each command of a bundle some agent config of the repository loads (minus the
`hidden_tools` of every config that loads it), at its key in config.yaml, typed from its declared
arguments, judged by its script: a Python script by parr's effects reading (its functions and its
module-level code), a shell script by effects_kb.shell_script, another program, or none found, as
changing state (fail closed). A repository that ships bundles but no agent config listing any
(a bundle library) has all its bundles reported: parr cannot tell which are loaded. Where configs
list bundles, a bundle none of them lists is loaded by no shipped agent and is not reported.
The built-in `bash` is reported at each agent config that keeps it, unless the repository holds
the framework's own declaration (frameworks/swe_agent.py reports it there, once).
"""

from __future__ import annotations

import ast
import posixpath
from pathlib import PurePosixPath

from parr.errors import ParrInputError

_SWE = "swe-agent"
_SCRIPT_FN = "__parr_bundle_command__"  # the function standing for a script's module-level code
_BASH_DESCRIPTION = "runs the given command directly in bash"  # sweagent.tools.commands.BASH_COMMAND


def is_bundle_config(rel_path: str) -> bool:
    return rel_path == "config.yaml" or rel_path.endswith("/config.yaml")


def worth_reading(rel_path: str, source: bytes) -> bool:
    """Bytes that may hold a bundle's commands or an agent config's bundle list."""
    return (is_bundle_config(rel_path) and b"tools:" in source) \
        or b"bundles:" in source or b"enable_bash_tool" in source


def _argument_props(args) -> list | None:
    """A command's `arguments` as the judge's schema properties; None where they are not a list of
    named mappings (BundleConfig would reject them: no schema parr can read)."""
    if args is None:
        return []
    if not isinstance(args, list):
        return None
    props = []
    for a in args:
        if not isinstance(a, dict) or not isinstance(a.get("name"), str):
            return None
        t = a.get("type") if isinstance(a.get("type"), str) else None
        p = {"n": a["name"], "t": t, "d": a.get("description") if isinstance(a.get("description"), str) else None,
             "sub": t == "array" and isinstance(a.get("items"), dict)}
        enum = a.get("enum")
        if isinstance(enum, list) and enum and all(isinstance(x, str) for x in enum):
            p["ops"] = list(enum)
        props.append(p)
    return props


def _bundle(data, doc) -> dict | None:
    """The commands of a bundle config (BundleConfig: `tools` a mapping of command mappings, each
    with a `docstring`), or None for YAML of another shape."""
    tools = data.get("tools")
    if not isinstance(tools, dict):
        return None
    if tools and not all(isinstance(v, dict) and "docstring" in v for v in tools.values()):
        return None
    commands = []
    for name, body in tools.items():
        if not isinstance(name, str):
            continue
        sig = body.get("signature") if isinstance(body.get("signature"), str) else None
        doc_text = body.get("docstring") if isinstance(body.get("docstring"), str) else None
        program = (sig.split() or [name])[0] if sig else name
        commands.append({"name": name, "line": doc.line_of(("tools", name)) or 1,
                         "doc": " ".join(doc_text.split()) if doc_text else None,
                         "program": program, "props": _argument_props(body.get("arguments"))})
    return {"commands": commands}


def _tool_configs(data, doc, loc=(), depth: int = 0, out=None) -> list:
    """Each ToolConfig of an agent config: a mapping under a `tools` key holding `bundles` (a list of
    {path, hidden_tools}) or `enable_bash_tool`, at any depth (agent.tools, agent_configs[i].tools)."""
    if out is None:
        out = []
    if depth > 32:
        return out
    if isinstance(data, dict):
        for k, v in data.items():
            here = (*loc, k)
            if k == "tools" and isinstance(v, dict) and ("bundles" in v or "enable_bash_tool" in v):
                listed, unread = [], False
                bundles = v.get("bundles")
                for b in bundles if isinstance(bundles, list) else ():
                    path = b.get("path") if isinstance(b, dict) else None
                    if not isinstance(path, str):
                        unread = True
                        continue
                    hidden = b.get("hidden_tools")
                    listed.append([path, [h for h in hidden if isinstance(h, str)] if isinstance(hidden, list) else []])
                if bundles is not None and not isinstance(bundles, list):
                    unread = True
                out.append({"line": doc.line_of(here) or 1, "bundles": listed, "unread": unread,
                            "bash": v.get("enable_bash_tool", True) is not False})
            else:
                _tool_configs(v, doc, here, depth + 1, out)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            _tool_configs(v, doc, (*loc, i), depth + 1, out)
    return out


def read_yaml(text: str, rel_path: str) -> dict:
    """Facts of one YAML file: `swe_bundle` (a bundle's commands) and `swe_tool_configs` (an agent
    config's tool configs); empty for other YAML, or YAML that does not parse (data, handing no tool over)."""
    from parr.yamlsafe import load_yaml_text

    try:
        doc = load_yaml_text(text, PurePosixPath(rel_path))  # type: ignore[arg-type]
    except (ParrInputError, ValueError, RecursionError):
        return {}
    if not isinstance(doc.data, dict):
        return {}
    out: dict = {}
    if is_bundle_config(rel_path):
        bundle = _bundle(doc.data, doc)
        if bundle is not None:
            out["swe_bundle"] = bundle
    configs = _tool_configs(doc.data, doc)
    if configs:
        out["swe_tool_configs"] = configs
    return out


# -- a command's script ----------------------------------------------------------------------

def script_kind(source: bytes) -> str:
    """"python", "shell" or "other", by the script's #! line: a script without one is run by the
    shell (execve fails, and the shell runs the file itself)."""
    first = source.split(b"\n", 1)[0].strip()
    if not first.startswith(b"#!"):
        return "shell"
    if b"python" in first:
        return "python"
    if any(first.rstrip().endswith(s) or (b"/" + s + b" ") in first + b" " for s in (b"sh", b"bash", b"zsh", b"dash", b"ksh")):
        return "shell"
    return "other"


def _with_module_code(source: str) -> str | None:
    """The script, plus a function holding its module-level statements (what runs when the command
    runs: `if __name__ == "__main__": main()`, or the whole work at top level): its effects are read
    as a function's. None when the script does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    kept = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom)
    body = [s for s in tree.body if not isinstance(s, kept)
            and not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if not body:
        return source
    try:
        text = ast.unparse(ast.Module(body=body, type_ignores=[]))
    except (ValueError, RecursionError):
        return None
    return source + f"\n\n\ndef {_SCRIPT_FN}():\n" + "".join(f"    {line}\n" for line in text.split("\n"))


def script_facts(rel_path: str, source: bytes, extract_python) -> dict:
    """Facts of a command's script (asked for by resolve only): a Python script's functions' effects
    with its module-level code as one more function; a shell script's commands judged
    (effects_kb.shell_script); `script` says which."""
    from parr.scan.python.names import module_name

    kind = script_kind(source)
    base = {"module": module_name(rel_path), "tools": []}
    try:
        text = source.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {**base, "script": {"kind": "other"}}
    if kind == "python":
        wrapped = _with_module_code(text)
        if wrapped is None:
            return {**base, "script": {"kind": "other"}}
        facts = dict(extract_python(rel_path, wrapped.encode("utf-8")))
        facts["script"] = {"kind": "python"}
        facts["tools"] = []
        return facts
    if kind == "shell":
        from parr.scan.effects_kb.shell_script import read_script

        r = read_script(text)
        return {**base, "script": {"kind": "shell", "writes": r.writes[:8], "reads": r.reads[:8], "calls": r.calls[:32]}}
    return {**base, "script": {"kind": "other", "shebang": text.split("\n", 1)[0][:80]}}


# -- resolve ---------------------------------------------------------------------------------

def _norm(path: str) -> str:
    p = posixpath.normpath(path.strip()).lstrip("/")
    return "" if p == "." else p


def _lists(listed: str, bundle_dir: str) -> bool:
    """A config's bundle path names this bundle folder: the same path from the repository root, or
    one ending in it (an absolute path, ${ROOT}/tools/x), or a path the folder ends with (a config
    kept under a sub-project whose root is not the repository's)."""
    p = _norm(listed)
    if not p or not bundle_dir:
        return False
    return p == bundle_dir or p.endswith("/" + bundle_dir) or bundle_dir.endswith("/" + p)


class _Scripts:
    """What each command script does, read once; other bundles' scripts a shell script calls are
    followed (their bin/ folders are on the same PATH)."""

    def __init__(self, proj, bundle_dirs: list[str]) -> None:
        self.proj = proj
        self.dirs = bundle_dirs
        self.memo: dict[str, list | None] = {}

    def _facts(self, path: str) -> dict | None:
        f = self.proj.at(path)
        return f if isinstance(f.get("script"), dict) else None

    def effects(self, path: str, depth: int = 0) -> list | None:
        """The effects of the script at `path` (None: no script there)."""
        if path in self.memo:
            return self.memo[path]
        # a script reached again while it is read (a cycle): fail closed
        self.memo[path] = [["shell", "strong", f"{path} runs itself again: taken as changing state", 0]]
        f = self._facts(path)
        fx = None if f is None else self._read(path, f, depth)
        self.memo[path] = fx
        return fx

    def _read(self, path: str, f: dict, depth: int) -> list:
        from parr.scan.python.extract import unpack_part

        script = f["script"]
        kind = script.get("kind")
        if kind == "python":
            entry = unpack_part(f, "funcs").get(_SCRIPT_FN)
            if entry is None:
                # no module-level code: nothing runs but what defines its functions; read them all
                entries = list(unpack_part(f, "funcs").values())
            else:
                entries = [entry]
            fx: list = []
            for e in entries:
                fx += self.proj.settle(list(e.get("fx") or []), path)
                fx += self.proj.calls_effects(e.get("ext") or [], e.get("xc"), path)
            return fx
        if kind == "shell":
            fx = [["shell", "strong", f"{w} (shell script {path})", 0] for w in script.get("writes") or ()]
            for word in script.get("calls") or ():
                inner = None
                if depth < 4:
                    for d in self.dirs:
                        inner = self.effects(f"{d}/bin/{word}", depth + 1)
                        if inner is not None:
                            break
                if inner is None:
                    fx.append(["shell", "strong", f"runs `{word}`, a program parr does not know "
                                                  f"(shell script {path}): taken as changing state", 0])
                else:
                    fx += [[*x[:3], (x[3] if len(x) > 3 else 0) + 1] for x in inner]
            if not fx:
                reads = script.get("reads") or []
                fx.append(["file_read", "read", f"shell script {path} only runs commands that read"
                           + (f" ({', '.join(dict.fromkeys(r.split(':')[0] for r in reads[:4]))})" if reads else ""), 0])
            return fx
        shebang = script.get("shebang")
        return [["shell", "strong", f"runs {path}" + (f" ({shebang})" if shebang else "")
                 + ", a program parr does not read: taken as changing state", 0]]


def resolve(proj, records: list, sites: list, record) -> None:
    """Adds the commands of the loaded bundles, and the built-in bash of configs outside the
    framework's own repository, to `records` (`record` makes a ToolRecord of a candidate)."""
    bundles = [(p, f["swe_bundle"]) for p, f in proj.facts.items() if isinstance((f or {}).get("swe_bundle"), dict)]
    configs = [(p, c) for p, f in proj.facts.items() for c in ((f or {}).get("swe_tool_configs") or ())
               if isinstance(c, dict)]
    if not bundles and not configs:
        return
    any_listing = any(c.get("bundles") or c.get("unread") for _p, c in configs)
    dirs = sorted(posixpath.dirname(p) for p, _b in bundles)
    scripts = _Scripts(proj, dirs)
    for path, bundle in bundles:
        bdir = posixpath.dirname(path)
        users = [set(hidden) for _p, c in configs for listed, hidden in c.get("bundles") or () if _lists(listed, bdir)]
        if any_listing and not users and not any(c.get("unread") for _p, c in configs):
            continue  # shipped, but no agent config of the repository loads it
        for cmd in bundle.get("commands") or ():
            if users and all(cmd["name"] in hidden for hidden in users):
                continue  # hidden by every config that loads the bundle
            script = f"{bdir}/bin/{cmd['program']}" if bdir else f"bin/{cmd['program']}"
            fx = scripts.effects(script)
            if fx is None:
                fx = [["shell", "strong", f"its program {cmd['program']} has no script in {bdir or '.'}/bin: "
                                          "taken as changing state", 0]]
            props = cmd.get("props")
            c = {"name": cmd["name"], "line": cmd.get("line") or 1, "framework": _SWE,
                 "style": "swe_agent.bundle_command", "schema": "json_schema", "description": cmd.get("doc"),
                 "jschema": {"props": props, "blob": False} if props is not None else {"props": [], "open": True},
                 "fx": fx, "flags": [], "gates": []}
            rec = record(c, path, proj)
            if rec is not None:
                records.append(rec)
    if any(r.framework == _SWE and r.style == "swe_agent.builtin_command" for r in records):
        return  # the framework's own declaration of bash is in the repository: reported there
    done: set[str] = set()
    for path, c in configs:
        if c.get("bash") and path not in done:
            done.add(path)  # once per config file
            cand = {"name": "bash", "line": c.get("line") or 1, "framework": _SWE,
                    "style": "swe_agent.builtin_command", "schema": "json_schema",
                    "description": _BASH_DESCRIPTION, "mutating": True, "typed": False,
                    "jschema": {"props": [{"n": "command", "t": "string", "d": "The bash command to execute.",
                                           "sub": False}], "blob": False},
                    "fx": [["shell", "strong", "SWE-agent's built-in bash tool runs the model's command", 0]],
                    "flags": ["builtin", "builtin_mutating"], "caps": ["shell"], "gates": []}
            rec = record(cand, path, proj)
            if rec is not None:
                records.append(rec)
