"""Phase 2 for Python: resolve cross-file references and turn candidates into ToolRecords.

Cheap: dictionaries only. Resolves names given as constants, enum members or agent variables
defined in other modules; decides whether a class candidate really derives from a framework tool
base (possibly through project classes in other files) and drops bases that other classes extend;
adds the effects of helpers imported from other modules; turns references to imported plain
functions in `tools=[...]` lists into tools declared in the defining file."""

from __future__ import annotations

import posixpath
import re

from parr.scan import effects_kb
from parr.scan.model import ScanError, ToolRecord, UnresolvedSite, operations_of
from parr.scan.python import catalog, flow, nat_config, registry, swe_bundles, toolclass
from parr.scan.python.effects import sql_text_effect
from parr.scan.python.extract import _EXEC_METHODS as EXEC_METHODS, _TOOLS_VAR, expand_params, module_name, unpack_part as _part
from parr.scan.python.effects import UNKNOWN
from parr.scan.python.judge import judge


class Project:
    def __init__(self, facts_by_path: dict[str, dict], full_facts=None, paths=None):
        self.facts = {p: f for p, f in facts_by_path.items() if isinstance(f, dict) and "tools" in f}
        self._full_facts = full_facts
        self._given: dict | None = None  # (file, class) -> the objects its constructions give (field_effects)
        self._act_cases: dict | None = None  # action literal -> [(file, effects of its executor case)]
        # Every Python file, with facts or not, when the engine keeps the list on disk (`paths`);
        # else the files in facts_by_path are all there are.
        self._paths = paths
        # Files by the last part of their module name: a reference may name any dotted suffix of a
        # module ("tools.search" for "app.tools.search"); indexing every suffix would cost several
        # entries per file on a large tree.
        self.by_last: dict[str, list[tuple[str, str]]] = {}
        for path, f in ([] if paths is not None else self.facts.items()):
            # The engine drops the facts of files it only indexed; their module follows from the path.
            mod = f["module"] if "module" in f else module_name(path)
            if mod:
                self.by_last.setdefault(mod.rpartition(".")[2], []).append((path, mod))
        self.base_names: set[str] = set()
        for f in self.facts.values():
            self.base_names.update(f.get("base_names") or ())

    def at(self, path: str) -> dict:
        """A file's facts; a file extract only indexed (it declares no tool) is read in full the
        first time a tool's resolution reaches it: its functions' effects, imports and classes."""
        f = self.facts.get(path)
        if f is None:  # a file the engine indexed on disk only
            f = self.facts[path] = {"tools": [], "skipped": True, "module": module_name(path)}
        if f.get("skipped") and self._full_facts is not None:
            full = self._full_facts(path)
            if isinstance(full, dict) and "tools" in full:
                # Its candidates are not added: the file was listed before; what it declares was
                # settled then (nothing, or it would not have been indexed only).
                f = self.facts[path] = {**full, "skipped": False, "tools": []}
            else:
                f = self.facts[path] = {**f, "skipped": False}
        return f

    def find_module(self, mod: str, near: str | None = None) -> str | None:
        suffix = "." + mod
        last = mod.rpartition(".")[2]
        if self._paths is not None:
            candidates = [(p, self.module_of(p)) for p in self._paths.with_key(last)]
        else:
            candidates = self.by_last.get(last, ())
        paths = [p for p, m in candidates if m == mod or m.endswith(suffix)]
        if not paths:
            return None
        if len(paths) == 1 or near is None:
            return paths[0]
        # prefer the file that shares the longest directory prefix with the referencing file
        def score(p):
            a, b = p.split("/"), near.split("/")
            n = 0
            for x, y in zip(a, b):
                if x != y:
                    break
                n += 1
            return n
        return max(paths, key=score)

    def split_target(self, qual: str, near: str | None):
        """'pkg.mod.Name.ATTR' -> (path, ['Name', 'ATTR']) for the longest module prefix found."""
        parts = qual.split(".")
        for i in range(len(parts) - 1, 0, -1):
            p = self.find_module(".".join(parts[:i]), near)
            if p is not None:
                return p, parts[i:]
        return None, None

    def resolve_str(self, qual: str, near: str | None, depth: int = 0) -> str | None:
        if depth > 5 or not qual:
            return None
        path, rest = self.split_target(qual, near)
        if path is None or not rest:
            return None
        f = self.at(path)
        if rest and rest[-1] == "value":
            rest = rest[:-1]
        if len(rest) == 1:
            if rest[0] in f.get("consts", {}):
                return f["consts"][rest[0]]
            imp = _part(f, "imports").get(rest[0])
            if imp:
                return self.resolve_str(imp, path, depth + 1)
        if len(rest) == 2:
            members = f.get("enums", {}).get(rest[0])
            if members and rest[1] in members:
                return members[rest[1]]
            imp = _part(f, "imports").get(rest[0])
            if imp:
                return self.resolve_str(imp + "." + rest[1], path, depth + 1)
        return None

    def blob_alias(self, qual: str, near: str | None, depth: int = 0) -> bool:
        """The imported name is a module-level type alias that accepts any object (dict[str, Any])."""
        path, rest = self.split_target(qual, near)
        if path is None or not rest or len(rest) != 1 or depth > 5:
            return False
        f = self.at(path)
        if rest[0] in (f.get("blob_aliases") or ()):
            return True
        imp = _part(f, "imports").get(rest[0])
        return bool(imp) and self.blob_alias(imp, path, depth + 1)

    def settle_params(self, params, near: str) -> None:
        """Parameters declared with an imported type alias ("ok": "alias:<qual>"): typed unless the
        alias accepts any object."""
        for p in params or ():
            if isinstance(p, dict) and isinstance(p.get("ok"), str):
                p["ok"] = not self.blob_alias(p["ok"][6:], near)

    def resolve_agent(self, qual: str, near: str | None, depth: int = 0) -> str | None:
        path, rest = self.split_target(qual, near)
        if path is None or not rest or len(rest) != 1 or depth > 5:
            return None
        f = self.at(path)
        if rest[0] in f.get("agents", {}):
            return f["agents"][rest[0]]
        imp = _part(f, "imports").get(rest[0])
        if imp:
            return self.resolve_agent(imp, path, depth + 1)
        return None

    def var_home(self, qual: str, near: str | None) -> tuple[str, str] | None:
        """(path, name) of the module-level variable a reference names, through re-exports."""
        path, rest = self.split_target(qual, near)
        depth = 0
        while path is not None and rest and len(rest) == 1 and depth < 5:
            imp = _part(self.at(path), "imports").get(rest[0])
            if not imp:
                return path, rest[0]
            path, rest = self.split_target(imp, path)
            depth += 1
        return None

    def find_class(self, qual: str, near: str, depth: int = 0):
        """(path, qualified base list) of a project class named by `qual`."""
        if depth > 5:
            return None
        f = self.at(near) if near in self.facts or (self._paths is not None and near in self._paths) else None
        if f is not None and "." not in qual and qual in _part(f, "classes"):
            return near, f["classes"][qual]
        path, rest = self.split_target(qual, near)
        if path is None or not rest:
            return None
        g = self.at(path)
        name = ".".join(rest)
        if name in _part(g, "classes"):
            return path, g["classes"][name]
        imp = _part(g, "imports").get(rest[0])
        if imp and len(rest) == 1:
            return self.find_class(imp, path, depth + 1)
        return None

    def shaped_base(self, bases: list[str], path: str, depth: int = 0) -> str | None:
        """The schema key of the tool definition a project base class of the chain serialises
        itself into (its `to_param()` returns {"name", "input_schema", ...}), or None."""
        if depth > 8:
            return None
        for b in bases:
            found = self.find_class(b, path)
            if found is None:
                continue
            p2, bases2 = found
            g = self.at(p2)
            qual = _class_qual(b, p2, self)
            key = (g.get("shaped_classes") or {}).get(qual)
            if key is None:
                key = next((k for c in (g.get("shape_via") or {}).get(qual) or () if (k := self.definition_maker(c, p2))),
                           None)
            if key is None:
                key = self.shaped_base(bases2, p2, depth + 1)
            if key is not None:
                return key
        return None

    def definition_maker(self, qual: str, near: str, depth: int = 0) -> str | None:
        """The schema key when `qual` names a project function that makes a tool definition of the name
        it is given (toolclass.definition_maker), followed through re-exports."""
        path, rest = self.split_target(qual, near)
        if path is None or not rest or len(rest) != 1 or depth > 4:
            return None
        g = self.at(path)
        key = (g.get("def_makers") or {}).get(rest[0])
        if key is None and (imp := _part(g, "imports").get(rest[0])):
            return self.definition_maker(imp, path, depth + 1)
        return key

    def tool_base_framework(self, bases: list[str], path: str, depth: int = 0, hints=()) -> str | None:
        """Framework whose tool base class the class derives from, or None. Bases are followed
        through this repository's own classes, also where they sit in a framework's package (the
        repository is that framework, or a tools package built on it: crewai_tools' RagTool,
        langchain_community's GmailBaseTool)."""
        if depth > 8:
            return None
        for b in bases:
            last = b.rsplit(".", 1)[-1]
            fw = catalog.framework_of(b)
            if fw == "langgraph":
                fw = "langchain"
            if last in catalog.TOOL_BASE_CLASSES:
                allowed = catalog.TOOL_BASE_CLASSES[last]
                if fw in allowed:
                    return fw
                if fw is None:
                    found = self.find_class(b, path)
                    if found is None:
                        if "." in b or last == "BaseTool":
                            for h in hints:
                                if h in allowed:
                                    return h
                        continue
                    p2, bases2 = found
                    # The framework's own tool base, defined here (src/smolagents/tools.py: Tool).
                    home = catalog.framework_of_module(self.module_of(p2))
                    if home in allowed:
                        return home
                    r = self.tool_base_framework(bases2, p2, depth + 1, self.at(p2).get("hints", ()))
                    if r:
                        return r
                continue
            found = self.find_class(b, path)
            if found is not None:
                p2, bases2 = found
                r = self.tool_base_framework(bases2, p2, depth + 1, self.at(p2).get("hints", ()))
                if r:
                    return r
        return None

    def module_of(self, path: str) -> str:
        f = self.facts.get(path)
        return f["module"] if f is not None and "module" in f else module_name(path)

    # --- sub-agents: a tool that runs an agent does what that agent's tools do -----------------
    def apply_sub_agents(self, c: dict, path: str, depth: int = 0) -> None:
        """Turn a candidate's sub-agent references (an agent offered as a tool, a tool body that
        runs one) into what the agent can do: a state change of one of its tools becomes the tool's
        effect; an agent parr cannot read, or one with no tools (a stub of what its name says),
        leaves the name and description to count (flag sub_unread)."""
        fx = c.get("fx") or []
        refs = ([c["sub_agent"]] if c.get("sub_agent") else []) + [x[0] for x in fx if x[1] == "subagent"]
        if not refs:
            return
        c["fx"] = [x for x in fx if x[1] != "subagent"]
        for ref in refs:
            state, ev = self.agent_effect(ref, path, depth)
            if state == "writes":
                c["fx"].append(["", "strong", ev, 0])
            else:
                c["flags"] = list(c.get("flags") or ()) + ["sub_reads" if state == "reads" else "sub_unread"]

    def agent_effect(self, ref: str, near: str, depth: int = 0) -> tuple[str, str]:
        """("writes", evidence), ("reads", ""), ("none", "") for an agent with no tools, or
        ("unread", "") where parr cannot see what it can do."""
        home = self._agent_home(ref, near)
        if home is None or depth > 4:
            return "unread", ""
        key = ("agent",) + home
        memo = self.__dict__.setdefault("_agent_memo", {})
        if key in memo:
            return memo[key] or ("unread", "")
        memo[key] = None  # a cycle reads as unread
        path, var = home
        members = (self.at(path).get("agent_members") or {}).get(var)
        if members is None:
            memo[key] = ("unread", "")
            return memo[key]
        states = []
        for m in members:
            if m == "code":
                states.append(("writes", f"runs sub-agent {var}, whose code executor runs code the model writes"))
            elif m == "?":
                states.append(("unread", ""))
            elif m == "state":
                states.append(("reads", ""))  # its answer goes to the framework's session state
            else:
                kind, _, r = m.partition(":")
                sub = self._agent_home(r, path)
                if kind == "agent" or (sub is not None and var != sub[1]
                                       and sub[1] in (self.at(sub[0]).get("agent_members") or {})):
                    st, ev = self.agent_effect(r, path, depth + 1)
                    states.append((st if st != "none" else "reads", ev))
                else:
                    states.append(self._member_tool(r, path, var, depth))
        result = next((x for x in states if x[0] == "writes"), None) or next(
            (x for x in states if x[0] == "unread"), None) or (("reads", "") if states else ("none", ""))
        memo[key] = result
        return result

    def _agent_home(self, ref: str, near: str) -> tuple[str, str] | None:
        kind, _, name = ref.partition(":")
        if kind == "local":
            return near, name
        if kind == "ref":
            return self.var_home(name, near)
        return None

    def _member_tool(self, ref: str, near: str, agent: str, depth: int) -> tuple[str, str]:
        """What one tool of an agent does, judged as it is when reported."""
        home = self._agent_home(ref, near)
        mod = self.find_module(ref.rpartition(":")[2], near) if home is None and ref.startswith("ref:") else None
        if mod is not None and mod != near:
            # a module handed to the agent (Strands: tools=[calendar_tools.create_appointment] loads the
            # module's @tool functions): the agent can do what any tool of that module does
            states = [self._member_tool(f"local:{t.get('fn_qual') or t.get('name')}", mod, agent, depth)
                      for t in self.at(mod).get("tools") or ()]
            return next((x for x in states if x[0] == "writes"), None) or next(
                (x for x in states if x[0] == "unread"), None) or (("reads", "") if states else ("unread", ""))
        if home is None:
            # a framework's tool imported by name (google_search): reported from the agent's file
            home = (near, ref.rpartition(":")[2].rpartition(".")[2])
        path, name = home
        f = self.at(path)
        c = next((dict(x) for x in f.get("tools") or () if x.get("fn_qual") == name), None) or next(
            (dict(x) for x in f.get("tools") or () if x.get("name") == name and not x.get("fn_qual")), None)
        if c is None:
            entry = _part(f, "funcs").get(name)
            if entry is None:
                return "unread", ""
            c = {"name": name, "style": "plain_function", "schema": "type_hints", "description": entry.get("doc"),
                 "params": expand_params(entry.get("params", [])), "fx": list(entry.get("fx", [])),
                 "ext_calls": entry.get("ext", []),
                 "flags": ["arith"] if entry.get("arith") else ["state_writes"] if entry.get("state_writes") else []}
        ext = list(c.get("ext_calls") or ()) + ([c["ext_fn"]] if c.get("ext_fn") else [])
        c["fx"] = self.settle(list(c.get("fx") or []) + (self.ext_effects(ext, path) if ext else []), path)
        c["flags"] = list(c.get("flags") or ())
        self.apply_sub_agents(c, path, depth + 1)
        mutating, _, evidence, _, _, _ = judge(c)
        if not mutating:
            return "reads", ""
        why = evidence[0] if evidence else "changes state"
        return "writes", f"runs sub-agent {agent}, whose tool '{c.get('name') or name}' changes state ({why})"

    def settle(self, fx: list, near: str) -> list:
        """Effects with each "unknown unless the project defines it" call settled: dropped when the
        project holds the function or class (its own effects are read through ext_effects), else a
        call parr cannot read."""
        out = []
        for x in fx:
            if x[0][:1] == "?":
                # (an effect read from a method's name, m.notify_user(): the same, kept as that effect
                # unless the project's class chain holds that very method, whose code is read instead)
                if self._defines(x[0][1:], near) if x[1] == UNKNOWN else self._has_method(x[0][1:], near):
                    continue
                x = ["", *x[1:]]
            out.append(x)
        return out

    def _has_method(self, q: str, near: str, depth: int = 0) -> bool:
        """`pkg.mod.Class.method` is a method the project defines, on the class or a base it holds."""
        path, rest = self.split_target(q, near)
        if path is None or not rest or depth > 3:
            return False
        entry, redirect = _func_entry(self.at(path), rest)
        if redirect is not None:
            return self._has_method(redirect, path, depth + 1)
        return entry is not None

    def _defines(self, q: str, near: str, depth: int = 0) -> bool:
        path, rest = self.split_target(q, near)
        if path is None or not rest or depth > 3:
            return False
        f = self.at(path)
        entry, redirect = _func_entry(f, rest)
        if redirect is not None:
            return self._defines(redirect, path, depth + 1)
        if entry is not None or rest[0] in _part(f, "classes"):
            return True
        imp = _part(f, "imports").get(rest[0]) if len(rest) == 1 else None
        return bool(imp) and self._defines(imp, path, depth + 1)

    def ext_effects(self, calls: list[str], near: str, depth: int = 0, seen=None, plumbing: bool = False) -> list:
        out = []
        if seen is None:
            seen = set()
        for q in calls:
            if q in seen or depth > 3:
                continue
            if effects_kb.is_plumbing(q) and not plumbing:
                # sign-in, logging and settings helpers are not what the tool does, but that
                # sign-in only built a URL for the user to open is
                seen.add(q)
                if effects_kb.is_signin(q):
                    out += [x for x in self.ext_effects([q], near, depth, set(seen) - {q}, plumbing=True)
                            if x[1] == effects_kb.SIGNIN_URL]
                continue
            seen.add(q)
            path, rest = self.split_target(q, near)
            if path is None or not rest:
                continue
            f = self.at(path)
            entry, redirect = _func_entry(f, rest)
            if redirect is not None:
                subs, unknown = self._dispatched(redirect, path, rest)
                out += unknown + self.ext_effects([redirect, *subs], path, depth + 1, seen)
                continue
            if entry is None and len(rest) == 1:
                imp = _part(f, "imports").get(rest[0])
                if imp:
                    out += self.ext_effects([imp], path, depth + 1, seen)
                continue
            if entry is None:
                continue
            quiet = effects_kb.makes_client(rest[-1])
            for x in self.settle(entry.get("fx", []), path):
                if quiet and x[1] == UNKNOWN:
                    continue
                x = list(x)
                if len(x) < 4:
                    x.append(1)
                x[3] = x[3] + 1
                out.append(x)
            inner = self.ext_effects(entry.get("ext", []), path, depth + 1, seen)
            out += [x for x in inner if x[1] != UNKNOWN] if quiet else inner
        return out

    def field_effects(self, path: str, cls: str, calls: list) -> list:
        """Effects of a tool class's calls on a field declared Any ([keyword, method]): wherever the
        project constructs the class giving that keyword an object of a known class, that class's
        method (RAGTool(rag_pipeline=pipeline), pipeline: RAGPipeline -> RAGPipeline.process_documents)."""
        if self._given is None:
            self._given = {}
            for p, f in list(self.facts.items()):  # (find_class may read a skipped file's facts in)
                for cls_q, kw, val in (f or {}).get("ctor_args") or ():
                    found = self.find_class(cls_q, p)
                    if found is not None:
                        self._given.setdefault((found[0], cls_q.rsplit(".", 1)[-1]), []).append((kw, val, p))
        fx: list = []
        for kw, val, p in self._given.get((path, cls), ()):
            ext = [f"{val}.{m}" for k, m in calls if k == kw]
            if ext:
                fx += self.calls_effects(ext, None, p)
        return fx

    def inherited_run(self, bases: list[str], near: str, depth: int = 0) -> tuple[str, dict] | None:
        """(file, funcs entry) of the run method a tool class without one of its own inherits from
        the imported classes `bases`: the nearest class up their chains that defines a run method
        (execute, _run, __call__, ...) gives it. None when no class of the project on them does."""
        for q in bases:
            if depth > 6:
                return None
            path, rest = self.split_target(q, near)
            if path is None or not rest or len(rest) != 1:
                continue
            f = self.at(path)
            if rest[0] not in _part(f, "classes"):
                imp = _part(f, "imports").get(rest[0])  # a package re-exporting the class
                hit = self.inherited_run([imp], path, depth + 1) if imp else None
            else:
                own = _part(f, "cmethods").get(rest[0]) or ()
                m = next((m for m in EXEC_METHODS if m in own), None)
                if m is not None:
                    return path, _part(f, "funcs").get(f"{rest[0]}.{m}") or {}
                hit = self.inherited_run([b for b in (_base_qual(f, b) for b in _part(f, "classes")[rest[0]]) if b],
                                         path, depth + 1)
            if hit is not None:
                return hit
        return None

    def overrides(self, path: str, cls: str, method: str) -> tuple[list[str], bool]:
        """A call of `cls.method` where the class leaves that method to its subclasses (a stub: facts'
        `stubs`) runs a subclass's override (a factory declared to return `BaseClient` hands out one of
        them): the qualified overrides in the project's files parr has read (the class's own file
        first, then subclasses of subclasses, at most 40 classes), and whether the stub must be overridden (abstract:
        with no override found, what runs is unknown). ([], False) for a method that is not a stub."""
        f = self.at(path)
        kind = (f.get("stubs") or {}).get(cls, {}).get(method)
        if kind is None:
            return [], False
        cache = self.__dict__.setdefault("_overrides", {})
        if (path, cls, method) in cache:
            return cache[(path, cls, method)]
        found: list[str] = []
        todo, done = [(path, cls)], {(path, cls)}
        while todo and len(done) < 40:
            bpath, bcls = todo.pop(0)
            for p, g in [(bpath, self.at(bpath))] + [(q, g) for q, g in list(self.facts.items())
                                                     if q != bpath and bcls in (g.get("base_names") or ())]:
                for sub, bases in _part(g, "classes").items():
                    if (p, sub) in done or "." in sub:
                        continue
                    if not any(b.rsplit(".", 1)[-1] == bcls and (self.find_class(b, p) or ("",))[0] == bpath
                               for b in bases):
                        continue
                    done.add((p, sub))
                    todo.append((p, sub))
                    stub = method in ((g.get("stubs") or {}).get(sub) or {})
                    if method in (_part(g, "cmethods").get(sub) or ()) and not stub and g.get("module"):
                        found.append(f"{g['module']}.{sub}.{method}")
        cache[(path, cls, method)] = found, bool(kind)
        return found, bool(kind)

    def _dispatched(self, redirect: str, near: str, called: list[str]) -> tuple[list[str], list]:
        """A call on what a factory returns (`called` is `[make_reader(), read]`, `redirect` the
        method of the class its return annotation names): when that class leaves the method to
        subclasses, the overrides it may run (`overrides`; the factory hands out one of them), and an
        unknown effect when the method is abstract and parr found none (fail closed: what runs is not
        read). Other redirects (a re-export, an inherited method) dispatch nothing."""
        if len(called) != 2 or not called[0].endswith("()"):
            return [], []
        path, rest = self.split_target(redirect, near)
        if path is None or not rest or len(rest) != 2:
            return [], []
        found, abstract = self.overrides(path, rest[0], rest[1])
        if found or not abstract:
            return found, []
        return [], [["", UNKNOWN, f"calls {rest[0]}.{rest[1]}(), which {rest[0]} leaves to subclasses "
                                  f"parr did not find", 1]]

    def calls_effects(self, ext: list[str], xc: list | None, near: str, depth: int = 0, seen=None) -> list:
        """Effects of the calls into other modules (`ext`), the callee's SQL, code and commands tied
        to what the caller passed: the argument maps in `xc` (see parr.scan.python.flow); a call
        with none passed nothing from the caller."""
        if seen is None:
            seen = set()
        out = []
        called = set()
        for item in xc or ():
            if item[0] != "q":
                continue  # a method of an object the model's input is: nothing to resolve
            called.add(item[1])
            out += self._flow_call(item[1], flow.args_of(item), near, depth, seen)
        for q in ext:
            if q not in called:  # a call the extractor did not keep: what it passes is unknown
                out += self._flow_call(q, None, near, depth, seen)
        return out

    def _flow_call(self, q: str, argmap: dict | None, near: str, depth: int, seen: set) -> list:
        """Effects of one call into another module with the argument map it passes (None: a call
        whose arguments were not kept, which decides none of the callee's branch conditions)."""
        key = (q, repr(sorted(argmap.items())) if argmap is not None else None)
        if key in seen or depth > 3:
            return []
        seen.add(key)
        if effects_kb.is_plumbing(q):
            return self.ext_effects([q], near, depth)
        path, rest = self.split_target(q, near)
        if path is None or not rest:
            return []
        f = self.at(path)
        entry, redirect = _func_entry(f, rest)
        if redirect is not None:
            subs, out = self._dispatched(redirect, path, rest)
            for target in (redirect, *subs):
                out += self._flow_call(target, argmap, path, depth + 1, seen)
            return out
        if entry is None and len(rest) == 1:
            imp = _part(f, "imports").get(rest[0])
            return self._flow_call(imp, argmap, path, depth + 1, seen) if imp else []
        if entry is None:
            return []
        pn = entry.get("pn")
        # building a client is not the tool's effect: what such a helper calls and parr cannot read
        # does not make the tool's body unknown
        quiet = effects_kb.makes_client(rest[-1])
        fx = [list(x) for x in self.settle(entry.get("fx", []), path) if not (quiet and x[1] == UNKNOWN)]
        sub: list = []
        if argmap is None:
            argmap = {}
            if pn is not None:
                fx = flow.bind_conds(fx, flow.binding({"*": {"x": 1}}, pn), pn, {})
        elif pn is not None:
            # the branches of the callee the call's literal arguments (or its defaults) decide
            fx = flow.bind_conds(fx, flow.binding(argmap, pn), pn, entry.get("pd") or {})
        if pn is not None:
            bound = flow.binding(argmap, pn)
            fx = flow.map_effects(fx, bound, pn, sql_text_effect)
            sub = [t for t in (flow.translate_call(x, bound, pn) for x in entry.get("xc") or ()) if t is not None]
        out = []
        for x in fx:
            if len(x) < 4:
                x.append(1)
            x[3] = x[3] + 1
            out.append(x)
        inner = self.calls_effects(entry.get("ext", []), sub, path, depth + 1, seen)
        return out + ([x for x in inner if x[1] != UNKNOWN] if quiet else inner)


def _class_qual(ref: str, path: str, proj: Project) -> str:
    """The name a class `ref` (found by find_class in `path`) has in that file's classes."""
    last = ref.rsplit(".", 1)[-1]
    classes = _part(proj.at(path), "classes")
    return last if last in classes else next((q for q in classes if q.rsplit(".", 1)[-1] == last), last)


# Framework of a project's own tool class, by the schema key of the definition it sends.
_SHAPE_FRAMEWORK = {"input_schema": "anthropic", "inputSchema": "mcp", "parameters": "openai", "type": "anthropic"}


def _project_module(proj: Project, target: str, tpath: str | None, rest: list[str] | None) -> bool:
    """A name from a framework's package is the project's own when the project holds that module:
    the same dotted path, or one of two parts or more under a folder (libs/agno/agno/tools/x.py for
    agno.tools.x). A lone file named like the package (handlers/openai.py) is not it."""
    if tpath is None or not rest:
        return False
    module = target.split(".")[: len(target.split(".")) - len(rest)]
    return proj.module_of(tpath) == ".".join(module) or len(module) >= 2


def _framework_held(proj: Project, home: str, near: str) -> bool:
    """The scanned project holds the framework module a built-in tool comes from (deepagents' own
    repository scanned: `from deepagents import create_deep_agent` in its examples): a package folder
    or a module of two parts or more, as _project_module reads it."""
    tpath, rest = proj.split_target(home, near)
    if tpath is None or not rest:
        return False
    return _project_module(proj, home, tpath, rest) or tpath.endswith("/__init__.py") or tpath == "__init__.py"


def _made_from_definitions(proj: Project, path: str, cls: str, made: list) -> bool:
    """Every construction of the class `cls` of `path` with a name made at run time wraps an entry
    of a tool-definition list (read where the list is), and there is at least one."""
    mine = []
    for at, ref, read in made:
        if ref.rsplit(".", 1)[-1] != cls:
            continue
        found = proj.find_class(ref, at)
        if found is not None and found[0] == path:
            mine.append(read)
    return bool(mine) and all(mine)


def _func_entry(f: dict, rest: list[str]) -> tuple[dict | None, str | None]:
    """The funcs entry `rest` names in a file's facts (a function, Class.method, or the method of a
    module-level object: crm.close_case is Crm.close_case), or where to look instead (the object's
    class lives in another module)."""
    funcs = _part(f, "funcs")
    if len(rest) == 2 and rest[0].endswith("()"):
        # make_agent().run: the method of the class the factory's return annotation names
        made = funcs.get(rest[0][:-2]) or {}
        if made.get("ret"):
            ret = made["ret"]
            return None, (f"{ret}.{rest[1]}" if "." in ret else f"{f.get('module') or ''}.{ret}.{rest[1]}")
        imp = _part(f, "imports").get(rest[0][:-2])
        return None, (f"{imp}().{rest[1]}" if imp else None)
    entry = funcs.get(".".join(rest))
    if entry is None and len(rest) == 2 and rest[0] in (f.get("instances") or {}):
        cls = f["instances"][rest[0]]
        entry = funcs.get(f"{cls}.{rest[1]}")
        if entry is None and "." in cls:
            return None, f"{cls}.{rest[1]}"
    if entry is None and len(rest) == 2 and rest[0] in _part(f, "classes"):
        if rest[1] in (_part(f, "cmethods").get(rest[0]) or ()):
            return {}, None  # the class defines it, and it does nothing parr reports
        # a method the class inherits: its first base's that parr can name (in this file or imported)
        for b in _part(f, "classes")[rest[0]]:
            base = _base_qual(f, b)
            if base is not None:
                return None, f"{base}.{rest[1]}"
    if entry is None and len(rest) == 2 and (imp := _part(f, "imports").get(rest[0])):
        return None, f"{imp}.{rest[1]}"  # a package re-exporting the class (`from .driver import SqlDriver`)
    return entry, None


def _base_qual(f: dict, base: str) -> str | None:
    """The module-qualified name of a base class as a file's class list writes it (an imported one
    already qualified, one of the file by its own name), or None."""
    if "." in base:
        return base
    if base in _part(f, "classes") and f.get("module"):
        return f"{f['module']}.{base}"
    return None


_ABSTRACT_NAME = re.compile(r"^(?:Base|Abstract)[A-Z_]|(?:Base|Mixin|Abstract)$")


def _looks_abstract(c: dict) -> bool:
    """A tool class others extend is a base to build on, unless it is complete itself: a name of
    its own, a body that does something (RagTool, a deprecated alias's concrete parent)."""
    flags = c.get("flags") or ()
    return bool(_ABSTRACT_NAME.search(c.get("class_name") or "")) or "no_exec" in flags or "abstract_exec" in flags


def _record(c: dict, path: str, proj: Project | None = None) -> ToolRecord | None:
    name = c.get("name")
    if not name:
        return None
    if proj is not None and c.get("params"):
        c["params"] = [dict(p) for p in c["params"]]
        proj.settle_params(c["params"], path)
    mutating, typed, evidence, caps, gates, unverified = judge(c)
    if c.get("name_template"):
        evidence = [*evidence, f"name has a prefix set at run time: the model sees {c['name_template']}"]
    line = c.get("line") or 1
    options = {p["n"]: p["ops"] for p in (c.get("params") or []) if isinstance(p, dict) and p.get("ops")}
    options.update({p["n"]: p["ops"] for p in ((c.get("jschema") or {}).get("props") or []) if p.get("ops")})
    operation_param, operations = operations_of(options)
    return ToolRecord(
        name=name, file=path, line=max(1, int(line)), language="python",
        framework=c.get("framework") or "unknown", style=c.get("style") or "unknown",
        mutating=mutating, typed=typed, schema=c.get("schema") or "none", gates=tuple(gates),
        evidence=tuple(evidence), description=c.get("description"), capabilities=tuple(caps),
        annotations={k: v for k, v in (c.get("annotations") or {}).items() if isinstance(v, (bool, str))},
        model_name=c.get("model_name"), operation_param=operation_param, operations=operations,
        unverified=tuple(unverified),
    )


def _module_table(proj: Project, target: str, path: str, part: str) -> tuple[str | None, str | None, list | None]:
    """(file, name, value) of a module-level table another module's code names (`tables.CATALOG`), kept in
    that file's facts under `part`; value None where parr cannot find it."""
    tpath, rest = proj.split_target(target, path)
    if not tpath or not rest or len(rest) != 1:
        return tpath, None, None
    return tpath, rest[0], (proj.at(tpath).get(part) or {}).get(rest[0])


def _sk_plugin_names(proj: Project) -> dict[tuple[str, str], str]:
    """(file, class) -> the plugin name a Semantic Kernel plugin class is added under, from
    add_plugin(...) and plugins=[...] anywhere in the project (the first name, sorted, when
    there are several)."""
    names: dict[tuple[str, str], set[str]] = {}
    for path, f in list(proj.facts.items()):
        for cls_ref, plugin in f.get("sk_plugins") or ():
            found = proj.find_class(cls_ref, path)
            if found is not None:
                names.setdefault((found[0], cls_ref.rsplit(".", 1)[-1]), set()).add(plugin)
    return {k: sorted(v)[0] for k, v in names.items()}


def _take_plain(proj: Project, r: dict, tpath: str, m: str, entry: dict, taken: dict, records: list) -> None:
    """The record of the plain function `m` (`_plain_record`), once per function line of its module."""
    if entry["line"] in taken.get(tpath, set()):
        return
    rec = _plain_record(proj, r, tpath, m, entry)
    if rec is not None:
        records.append(rec)
        taken.setdefault(tpath, set()).add(entry["line"])


def _plain_record(proj: Project, r: dict, tpath: str, name: str, entry: dict):
    """A function (or bound method) of another module handed to a model as a tool, reported at its def."""
    g = proj.at(tpath)
    fw = r.get("framework") or next(iter(g.get("hints") or []), None) or "unknown"
    if fw == "langgraph":
        fw = "langchain"
    c = {"name": name, "line": entry["line"], "framework": fw, "style": "plain_function",
         "schema": "type_hints", "description": entry.get("doc"), "params": expand_params(entry.get("params", [])),
         "fx": proj.settle(list(entry.get("fx", [])), tpath) + proj.calls_effects(entry.get("ext", []), entry.get("xc"), tpath),
         "flags": ["arith"] if entry.get("arith") else ["state_writes"] if entry.get("state_writes") else []}
    c.update(r.get("as") or {})  # registered by a decorator applied as a call: its name and style
    proj.apply_sub_agents(c, tpath)
    return _record(c, tpath, proj)


def _ref_site(path: str, r: dict, reason: str) -> UnresolvedSite | None:
    if not r.get("site"):
        return None
    return UnresolvedSite(file=path, line=max(1, int(r.get("line") or 1)), call=r["site"], reason=reason)


def _add_ref_site(sites: list, path: str, r: dict, reason: str) -> None:
    """The site of reference `r` (`_ref_site`) added to `sites`, when it has one."""
    site = _ref_site(path, r, reason)
    if site is not None:
        sites.append(site)


def _star_target(proj: Project, r: dict, near: str) -> str | None:
    """The qualified name a star-imported name is bound to: the last star-imported module that
    defines it (Python binds names in import order). None where a later star import is a module
    parr did not scan (it may define the name too) or none defines it: a site, not a guess."""
    name = r["target"].rsplit(".", 1)[-1]
    for mod in reversed(r["stars"]):
        p = proj.find_module(mod, near)
        if p is None:
            return None
        g = proj.at(p)
        if name in _part(g, "funcs") or name in _part(g, "imports") or name in _part(g, "classes") \
                or name in (g.get("consts") or {}) or name in (g.get("vars") or ()):
            return f"{mod}.{name}"
    return None


def _registers_at(proj: Project, qual: str, index: str, near: str) -> bool:
    """The project function `qual` registers each element of its positional parameter `index` as a
    tool (extract: reg_params), followed through the package re-exports that import it."""
    found = _module_function(proj, qual, near)
    return found is not None and index.isdigit() and int(index) in (found[1].get("regs") or ())


def _module_function(proj: Project, qual: str, near: str) -> tuple[dict, dict] | None:
    """(the module's facts, the function's entry) of the module-level function `qual` names, followed through
    the package re-exports that import it; None when no module of the project declares it."""
    tpath, rest = proj.split_target(qual, near)
    for _ in range(4):
        if tpath is None or not rest or len(rest) != 1:
            return None
        g = proj.at(tpath)
        entry = _part(g, "funcs").get(rest[0])
        if entry is not None:
            return g, entry
        imp = _part(g, "imports").get(rest[0])
        if not imp:
            return None
        tpath, rest = proj.split_target(imp, tpath)
    return None


def _config_key_handed(proj: Project, key: str, depth: int = 0) -> bool:
    """Some code of the project hands `cfg.get(key)` over as tools (to a model, or to a helper that
    registers each element): the configs' lists under that key are tools."""
    memo = getattr(proj, "_cfg_keys", None)
    if memo is None:
        memo = proj._cfg_keys = {}
    if key in memo:
        return memo[key]
    memo[key] = False  # (a cycle through the same key holds nothing)
    held = False
    for path, f in list(proj.facts.items()):
        for k in (f or {}).get("config_keys") or ():
            if k.get("key") == key and (k.get("cond") is None or _position_holds(proj, k["cond"], path, depth + 1)):
                held = True
                break
        if held:
            break
    memo[key] = held
    return held


def _config_key_sites(proj: Project, sites: list) -> None:
    """cfg.get("toolkits") handed over as tools where no dict literal of the project lists tools under
    that key: the configuration is made where parr cannot see (a file, the user): a site."""
    listed = {k for f in proj.facts.values() for k in (f or {}).get("config_lists") or ()}
    for path, f in list(proj.facts.items()):
        for k in (f or {}).get("config_keys") or ():
            if k.get("key") in listed:
                continue
            if k.get("cond") is not None and not _position_holds(proj, k["cond"], path):
                continue
            sites.append(UnresolvedSite(file=path, line=max(1, int(k.get("line") or 1)), call=str(k.get("call") or ""),
                                        reason="tools from a configuration key parr cannot find in the project"))


def _held_classes(proj: Project) -> set[tuple[str, str]]:
    """(path, class) of every project class a function declares a parameter as and hands a field of
    to a model (`agent: Agent` ... `[function_to_json(f) for f in agent.functions]` in tools=)."""
    held = getattr(proj, "_held", None)
    if held is None:
        held = set()
        for path, f in list(proj.facts.items()):
            for q in (f or {}).get("held_classes") or ():
                tpath, rest = proj.split_target(q, path)
                if tpath is not None and rest:
                    held.add((tpath, ".".join(rest)))
        proj._held = held
    return held


def _project_function(proj: Project, qual: str, near: str) -> bool:
    """`qual` names a module-level function of a module the project holds (followed through the
    package re-exports that import it) whose code reaches no framework (a registry's decorator that
    fills a dict; one wrapping a framework's own decorator stays a site)."""
    found = _module_function(proj, qual, near)
    if found is None:
        return False
    g, entry = found
    return not entry.get("fwd") and not any(catalog.framework_of(x) for x in entry.get("ext") or ()) \
        and not g.get("hints")


def _reexported(proj: Project, tpath: str, name: str) -> str | None:
    """The module of the package that defines `name`, for a package __init__ that exports names at
    run time through `globals().update(registry.tools)` (its modules' decorators fill the mapping,
    an import of the package runs them): the one module under the package's folder that defines a
    module-level function of that name. None when the module does no such export, or no module or
    more than one defines it (a site stays)."""
    if not tpath.endswith("/__init__.py") and tpath != "__init__.py":
        return None
    if not (proj.facts.get(tpath) or {}).get("reexports"):
        return None
    folder = tpath[: -len("__init__.py")]
    found = [p for p in sorted(proj.facts) if p.startswith(folder) and p != tpath and p.endswith(".py")
             and name in _part(proj.facts.get(p) or {}, "funcs")]  # (light facts list them: no parse)
    return found[0] if len(found) == 1 else None


def _var_covered(g: dict, name: str) -> bool:
    """A module-level variable of another file handed over as tools: its elements were read where
    it is defined when it is named like a tool list, or the file declares tools it may hold."""
    return bool(_TOOLS_VAR.search(name)) or bool(g.get("tools"))


def _position_holds(proj: Project, qual: str, near: str, depth: int = 0) -> bool:
    """tools= given to a callee imported from another module of the project, in a file that knows
    no model: a tools position only when that function passes the parameter on to a framework,
    or that class has a framework base (or an __init__ that passes it on). A callee outside the
    project, in such a file, is none."""
    if qual.startswith("@key:"):
        return _config_key_handed(proj, qual[5:], depth)
    if "#" in qual:
        return _registers_at(proj, *qual.rsplit("#", 1), near)
    path, rest = proj.split_target(qual, near)
    if path is None or not rest or depth > 3:
        return False
    g = proj.at(path)
    funcs = _part(g, "funcs")
    name = ".".join(rest)
    if (funcs.get(name) or {}).get("fwd") or (funcs.get(f"{name}.__init__") or {}).get("fwd"):
        return True
    if name in (g.get("agent_classes") or ()):
        return True  # its methods hand the object's tools to a model
    if (path, name) in _held_classes(proj):
        return True  # a record whose field code elsewhere hands to a model (agent.functions)
    if g.get("model_evidence") and name in funcs and name not in _part(g, "classes"):
        # a function of a module that speaks to a model: it may pass them on through helpers parr
        # does not follow (a class must show it: a framework base, or methods handing them over)
        return True
    bases = _part(g, "classes").get(name)
    if bases is not None:
        return any(catalog.framework_of(b) is not None or _position_holds(proj, b, path, depth + 1) for b in bases)
    imp = _part(g, "imports").get(rest[0]) if len(rest) == 1 else None
    return bool(imp) and _position_holds(proj, imp, path, depth + 1)
def _mounts(proj: Project) -> dict[tuple[str, str], tuple[str, dict]]:
    """(path, variable) of each mounted server -> (file of the mount, the mount): FastMCP
    main.mount(sub, namespace="jira") in any file renames the tools registered on sub."""
    out: dict[tuple[str, str], tuple[str, dict]] = {}
    for path, f in list(proj.facts.items()):
        for m in f.get("mounts") or ():
            home = proj.var_home(m["server"], path)
            if home is not None and home not in out:
                out[home] = (path, m)
    return out


def _framework_beside(proj: Project, path: str) -> bool:
    """Another file of the package the tool's folder belongs to (tools/custom_tool.py -> the folder
    above tools/) imports a framework or builds a model client: the project's agents are made
    there, and a tool class they never import is handed to none of them."""
    top = posixpath.dirname(posixpath.dirname(path))
    return any(p != path and (not top or p.startswith(top + "/")) and (g or {}).get("model_evidence")
               for p, g in proj.facts.items())


def _crew_handed(proj: Project) -> dict[str, set[int]]:
    """path -> def lines of functions another file hands to a crewAI agent (Agent(tools=[SearchTools.search])).
    crewAI sends every agent tool under sanitize_tool_name(tool.name), a LangChain @tool("Search the
    internet") included: the model sees search_the_internet."""
    out: dict[str, set[int]] = {}
    for path, f in proj.facts.items():
        for r in (f or {}).get("refs") or ():
            if r.get("framework") != "crewai" or r.get("call") or r.get("instance"):
                continue
            tpath, rest = proj.split_target(r["target"], path)
            if tpath is None or not rest or len(rest) > 2:
                continue
            entry = _part(proj.at(tpath), "funcs").get(".".join(rest))
            if entry and entry.get("cand") and entry.get("line"):
                out.setdefault(tpath, set()).add(entry["line"])
    return out


def _action_effects(proj: Project, acts: list, near: str) -> list:
    """What the executors do with the action objects a tool's dispatch branch builds: for each class
    of a discriminated union (`type: Literal["double_click"]`), the calls of every
    `case "double_click":` of a `match <action>.type` in the files that import the class's module
    (or define it), as the tool's own effects one step further."""
    if proj._act_cases is None:
        proj._act_cases = {}
        for path, f in list(proj.facts.items()):
            if f.get("skipped") and f.get("act_match"):
                f = proj.at(path)
            for lit, entry in (f.get("act_cases") or {}).items():
                proj._act_cases.setdefault(lit, []).append((path, entry))
    out: list = []
    for q in acts:
        tpath, rest = proj.split_target(q, near)
        if tpath is None or not rest or len(rest) != 1:
            continue
        lit = (proj.at(tpath).get("act_types") or {}).get(rest[0])
        if lit is None:
            continue
        read = []
        for cpath, entry in proj._act_cases.get(lit, ()):
            imports = _part(proj.at(cpath), "imports").values()
            if cpath != tpath and not any(isinstance(i, str) and proj.split_target(i, cpath)[0] == tpath
                                          for i in imports):
                continue
            fx = [[*x[:3], (x[3] if len(x) > 3 else 0) + 1, *x[4:]] for x in proj.settle(list(entry["fx"]), cpath)]
            fx += proj.calls_effects(entry.get("ext") or [], None, cpath)
            read.append(not fx)
            out += fx
        if read and all(read):
            # every executor's case for it was read and calls only what changes nothing (a wait, a log
            # line): code, not the name or description, says what the action does
            out.append(["", "read", f"its executor's case '{lit}' calls nothing that changes state", 1])
    return out


def _definition_tables(proj: Project, records: list, sites: list) -> None:
    """A loop that makes one tool definition per entry of a table (extract.definition_call): each
    entry is a tool, reported at the entry in the table's file, named by its key (an enum member's
    value, a constant) or by its own name=; a table parr cannot find or a key it cannot read is a
    site. A table made into tools by several loops gives its tools once."""
    done: set = set()
    for path, f in list(proj.facts.items()):
        for r in f.get("deftable_refs") or ():
            tpath, table, entries = _module_table(proj, r["table"], path, "deftables")
            if not entries:
                _add_ref_site(sites, path, r, "tool definitions from a table parr cannot read")
                continue
            if (tpath, table, r["by"]) in done:
                continue
            done.add((tpath, table, r["by"]))
            for entry in entries:
                if r["by"] == "own":
                    name = entry.get("own")
                else:
                    name = entry.get("key") or (proj.resolve_str(entry["key_ref"], tpath) if entry.get("key_ref") else None)
                if not name:
                    sites.append(UnresolvedSite(file=tpath, line=max(1, int(entry.get("line") or 1)),
                                                call=f"{table} entry", reason="tool name defined elsewhere that parr cannot read"))
                    continue
                rec = _record({"name": name, "line": entry["line"], "framework": r.get("framework") or "unknown",
                               "style": "project.tool_definition", "schema": "json_schema",
                               "description": entry.get("description"), "jschema": entry.get("jschema"), "fx": []},
                              tpath, proj)
                if rec is not None:
                    records.append(rec)


def resolve_project(facts_by_path: dict[str, dict], full_facts=None, paths=None,
                    sites: list[UnresolvedSite] | None = None) -> tuple[list[ToolRecord], list[ScanError]]:
    """Tools of the project; places where tools are handed to a model that could not be read go to `sites`."""
    if sites is None:
        sites = []
    proj = Project(facts_by_path, full_facts, paths)
    sk_plugins = _sk_plugin_names(proj)
    errors: list[ScanError] = []
    records: list[ToolRecord] = []
    for path, f in facts_by_path.items():
        for e in (f or {}).get("errors", []) if isinstance(f, dict) else []:
            errors.append(ScanError(file=path, line=e.get("line"), message=e.get("message", "error")))
    taken: dict[str, set] = {}  # path -> def lines already reported
    made = [(p, ref, read) for p, f in proj.facts.items() for ref, read in (f or {}).get("named_ctors") or ()]
    pending_refs = []
    # MCP low-level servers: methods every call handler runs on the object it looked up by name,
    # and every function, method or variable that builds a Tool(...)
    dispatch_methods = {m for f in proj.facts.values() for m in (f or {}).get("mcp_dispatch") or ()}
    makers = {m for f in proj.facts.values() for m in (f or {}).get("mcp_makers") or ()}
    # Tool names the project's own code declares: a framework's built-in tool (known as data) whose
    # framework module the project holds is reported where that code declares it, not again at
    # each use (the data stands for code parr cannot read; here it can).
    declared = {c.get("name") for f in proj.facts.values() for c in (f or {}).get("tools") or ()
                if isinstance(c, dict) and not c.get("fw_home")}
    mounts = _mounts(proj)
    mount_sites: set[tuple[str, int]] = set()
    crew_handed = _crew_handed(proj)
    imported_tails: set[str] | None = None  # last parts of every import of the project, made when needed
    inst_seen: set[tuple[str, str]] = set()
    nat_configs = None  # NeMo Agent Toolkit workflow configs, read when a registration needs its key
    for path, f in list(proj.facts.items()):
        hints = tuple(f.get("hints") or ())
        seen_keys = set()
        holds: dict[str, bool] = {}

        def kept(item: dict) -> bool:
            cond = item.get("cond")
            if cond is None:
                return True
            if cond not in holds:
                holds[cond] = _position_holds(proj, cond, path)
            return holds[cond]

        for site in f.get("unresolved") or ():
            if not kept(site):
                continue
            if site.get("deco") and _project_function(proj, site["deco"], path):
                continue  # @register_tool("x") of the project's own registry: read as its code, no tool by itself
            sites.append(UnresolvedSite(file=path, line=max(1, int(site.get("line") or 1)),
                                        call=str(site.get("call") or ""), reason=str(site.get("reason") or "unknown element")))
        for lister in f.get("mcp_lists") or ():
            if not makers & set(lister.get("names") or ()):
                sites.append(UnresolvedSite(file=path, line=max(1, int(lister.get("line") or 1)),
                                            call=str(lister.get("call") or ""),
                                            reason="MCP list_tools handler whose tools parr cannot read"))
        made_here: set = set()
        for c in f["tools"]:
            if not kept(c):
                continue  # listed in tools= of a callee that turned out to be no agent's
            if c.get("fw_home") and c.get("name") in declared and _framework_held(proj, c["fw_home"], path) \
                    and not str(c.get("style") or "").endswith((".builtin_tool_instance", ".builtin_toolkit")):
                # (a built-in object the example constructs in its tools list is handed over there, by
                # that file, however the framework's own code declares it: reported where it is given)
                continue
            if c.get("fw_home") and str(c.get("style") or "").endswith(".builtin_toolkit"):
                # The same toolkit made again in this file (a notebook's next cell) hands over the same
                # functions: one tool each. (Built-in tool objects stay one per construction: each is an
                # object of its own, often configured apart, as the crewAI labels count them.)
                again = (c["fw_home"], c.get("name"), tuple(c.get("gates") or ()))
                if again in made_here:
                    continue
                made_here.add(again)
            if "placeholder_exec" in (c.get("flags") or ()):
                if imported_tails is None:
                    imported_tails = {q.rsplit(".", 1)[-1] for g in proj.facts.values()
                                      for q in _part(g or {}, "imports").values() if isinstance(q, str)}
                if not ({c.get("class_name"), proj.module_of(path).rsplit(".", 1)[-1]} & imported_tails) \
                        and _framework_beside(proj, path):
                    continue  # a scaffold's placeholder tool class the project's own agent code never takes
            c = dict(c)
            if "inst" in c:  # an object an MCP list handler lists: its class, in any file, is the tool
                line = c.get("line") or 1
                c, where = toolclass.instance_tool(proj, c, path, dispatch_methods)
                if c is None:
                    sites.append(UnresolvedSite(file=path, line=max(1, int(line)), call="Tool(name=<object>.name)",
                                                reason=where))
                elif (where, c["name"]) not in inst_seen:
                    inst_seen.add((where, c["name"]))
                    c["fx"] = proj.settle(c["fx"], where)
                    rec = _record(c, where, proj)
                    if rec is not None:
                        records.append(rec)
                continue
            if "class_bases" in c:
                fw = proj.tool_base_framework(c["class_bases"], path, 0, hints)
                style = None
                if fw is None:
                    key = c.get("api_shape") or proj.shaped_base(c["class_bases"], path)
                    if key is None and c.get("attr_shape"):
                        if "no_exec" in (c.get("flags") or ()):
                            # no run method of its own: a tool only where a base up its chain runs it
                            found, hook_fx = toolclass.inherited_hooks(proj, c.get("class_name") or "", path,
                                                                       EXEC_METHODS)
                            if not found:
                                continue
                            c["flags"] = [x for x in c["flags"] if x != "no_exec"]
                            c["hooks_read"] = True
                            c["fx"] = list(c.get("fx") or []) + hook_fx
                        key = c["attr_shape"]  # the definition declared as class attributes
                        c.update(schema="json_schema", jschema=c["attr_jschema"], no_params=True)
                    if key is None:
                        continue
                    # the project's own tool class: it sends its own definition to the model
                    fw = _SHAPE_FRAMEWORK.get(key, "unknown")
                    style = f"{fw}.tool_class"
                    if c.get("own_jschema") is not None:  # the parameters it declares for that definition
                        c.update(schema="json_schema", jschema=c["own_jschema"], no_params=True)
                own = catalog.TOOL_BASE_CLASSES.get(c.get("class_name") or "")
                if own and catalog.framework_of_module(proj.module_of(path)) in own:
                    continue  # the framework's own tool base class (scanning the framework itself)
                if c.get("class_name") in proj.base_names and _looks_abstract(c):
                    continue  # extended by other tool classes and not usable itself: an abstract base
                c["framework"] = fw
                c["style"] = style or catalog.CLASS_STYLE.get(fw, f"{fw}.BaseTool_subclass")
                if fw == "crewai":
                    c["normalize"] = "crewai"
            more_names: list[str] = []
            if not c.get("name") and (c.get("name_ref") or "").startswith("nat:"):
                if nat_configs is None:
                    nat_configs = nat_config.Configs(proj.facts)
                names, reason = nat_configs.names(c["name_ref"], path)
                if names is None:
                    sites.append(UnresolvedSite(file=path, line=max(1, int(c.get("line") or 1)),
                                                call=f"register {c['name_ref'][4:]}", reason=str(reason)))
                if not names:
                    continue  # bound only to keys no agent takes as a tool (code calls it), or a site
                c["name"], more_names = names[0], names[1:]
            if not c.get("name") and c.get("name_ref"):
                ref = c["name_ref"]
                if ref.startswith("agent:"):
                    c["name"] = proj.resolve_agent(ref[6:], path)
                else:
                    c["name"] = proj.resolve_str(ref, path)
                if not c.get("name"):
                    sites.append(UnresolvedSite(file=path, line=max(1, int(c.get("line") or 1)), call=f"name={ref}",
                                                reason="tool name defined elsewhere that parr cannot read"))
                    continue
            mount = mounts.get(proj.var_home(c["server"], path)) if mounts and c.get("server") and c.get("name") else None
            if mount is not None:
                mpath, m = mount
                if "prefix" in m:
                    c["name"] = m["format"].replace("{prefix}", m["prefix"]).replace("{name}", c["name"])
                elif (mpath, m["line"]) not in mount_sites:
                    # The tool keeps its own name; the name the model sees carries a prefix parr cannot read.
                    mount_sites.add((mpath, m["line"]))
                    sites.append(UnresolvedSite(file=mpath, line=max(1, int(m["line"])), call=m["prefix_unknown"],
                                                reason="mounted server: tool name prefix parr cannot read"))
            if (c.get("normalize") == "crewai" or c.get("def_line") in crew_handed.get(path, ())) and c.get("name"):
                c["name"] = catalog.crewai_sanitize(c["name"])
            elif (c.get("normalize") or "").startswith("handoff_") and c.get("name") and c.get("name_ref"):
                c["name"] = catalog.handoff_tool_name(c["name"], c["normalize"][8:])  # the agent's name, read elsewhere
            ext = list(c.get("ext_calls") or ())
            methods = c.pop("mcp_methods", None)
            if methods is not None:
                run = next((m for m in methods if m[0] in dispatch_methods), None)
                if run is None:
                    c["flags"] = list(c.get("flags") or ()) + ["dispatch_unread"]
                else:  # handler.run_tool(arguments) on the object the call handler looked up by name
                    c["fx"] = list(c.get("fx") or []) + [list(x) for x in run[1]]
                    ext += run[2]
            if c.get("ext_fn"):
                ext.append(c["ext_fn"])
            if c.get("inherit_run") and (hit := proj.inherited_run(c["inherit_run"], path)) is not None:
                # a tool class that runs the execute() of a base class in another file
                rpath, entry = hit
                c["fx"] = list(c.get("fx") or []) + [[*x[:3], (x[3] if len(x) > 3 else 0) + 1, *x[4:]]
                                                     for x in proj.settle(entry.get("fx", []), rpath)]
                c["fx"] += proj.calls_effects(entry.get("ext", []), entry.get("xc"), rpath)
                if c.get("params") is None and entry.get("pa") is not None:
                    c["params"] = entry["pa"]
                if not c.pop("hooks_read", False):
                    # the self.<m>() calls of that run reach this class's overrides (the template method)
                    c["fx"] += toolclass.inherited_hooks(proj, c.get("class_name") or "", path, EXEC_METHODS)[1]
            if c.get("field_calls"):
                c["fx"] = list(c.get("fx") or []) + proj.field_effects(path, c.get("class_name") or "", c["field_calls"])
            if c.get("acts"):
                c["fx"] = list(c.get("fx") or []) + _action_effects(proj, c["acts"], path)
            xc = c.get("xc") or ((_part(proj.at(path), "funcs").get(c["xc_of"]) or {}).get("xc") if c.get("xc_of") else None)
            if ext or xc:
                c["fx"] = list(c.get("fx") or []) + proj.calls_effects(ext, xc, path)
            c["fx"] = proj.settle(c.get("fx") or [], path)
            proj.apply_sub_agents(c, path)
            key = (c.get("def_line"), c.get("name"), c.get("line")) if c.get("def_line") else (None, c.get("name"), c.get("line"))
            if "builtin_ref" in (c.get("flags") or ()):
                # one imported built-in object (praisonaiagents.tools.cot_save) handed over twice in a
                # file is one tool: reported at its first hand-over kept
                key = (None, c.get("name"), c.get("style"), "builtin_ref")
            dl = c.get("def_line")
            if dl and c.get("style") == "plain_function" and dl in taken.get(path, set()):
                continue
            if key in seen_keys:
                continue
            seen_keys.add(key)
            if c.get("sk_class") and c.get("name"):
                plugin = sk_plugins.get((path, c["sk_class"]))
                if plugin:
                    c["model_name"] = f"{plugin}-{c['name']}"
            rec = _record(c, path, proj)
            if rec is None and "class_bases" in c and not c.get("name") \
                    and not _made_from_definitions(proj, path, c.get("class_name") or "", made):
                # A tool class of a known framework whose name is made at run time
                sites.append(UnresolvedSite(file=path, line=max(1, int(c.get("line") or 1)),
                                            call=f"class {c.get('class_name')}", reason="tool name made at run time"))
            if rec is not None:
                records.append(rec)
                if dl:
                    taken.setdefault(path, set()).add(dl)
                for other in more_names:  # one NAT function bound under several keys agents take
                    extra = _record(dict(c, name=other), path, proj)
                    if extra is not None:
                        records.append(extra)
        for r in f.get("refs", []):
            if kept(r):
                pending_refs.append((path, r))
    # imported plain functions listed in tools=[...]
    openapi_seen: set = set()
    for path, r in pending_refs:
        if r.get("retfn") is not None:
            # register_function(rag_func, ...) with rag_func what get_rag_function(...) returns: the inner
            # function it returns, reported at its def in that module
            tpath, rest = proj.split_target(r["target"], path)
            for _ in range(4):
                if tpath is None or not rest or len(rest) != 1 or rest[0] in _part(proj.at(tpath), "funcs"):
                    break
                imp = _part(proj.at(tpath), "imports").get(rest[0])
                if not imp:
                    break
                tpath, rest = proj.split_target(imp, tpath)
            funcs = _part(proj.at(tpath), "funcs") if tpath is not None and rest and len(rest) == 1 else {}
            inner = ((funcs.get(rest[0]) or {}).get("retfn") or {}).get(r["retfn"]) if funcs else None
            entry = funcs.get(f"{rest[0]}.<locals>.{inner}") if inner else None
            if entry is None:
                _add_ref_site(sites, path, r, "tool registration parr cannot read")
            elif entry["line"] not in taken.get(tpath, set()):
                rec = _plain_record(proj, r, tpath, inner, entry)
                if rec is not None:
                    records.append(rec)
                    taken.setdefault(tpath, set()).add(entry["line"])
            continue
        if r.get("stars"):
            target = _star_target(proj, r, path)
            if target is None:
                _add_ref_site(sites, path, r, "name from a star import")
                continue
            r = dict(r, target=f"{target}.{r['attr']}" if r.get("attr") else target)
        if r.get("openapi_names"):
            # FastMCP.from_openapi(mcp_names=TOOL_NAMES) with the map in another module: its names
            tpath, _, maps = _module_table(proj, r["target"], path, "name_maps")
            if not maps:
                _add_ref_site(sites, path, r, "tools generated at run time from an OpenAPI spec (operationId names)")
                continue
            for name, line, desc in maps:
                if (tpath, name, line) in openapi_seen:
                    continue  # the same map given to two from_openapi calls: one declaration each name
                openapi_seen.add((tpath, name, line))
                rec = _record({"name": name, "line": line, "framework": "fastmcp", "style": "fastmcp.from_openapi",
                               "schema": "json_schema", "description": desc, "fx": [], "flags": [],
                               "jschema": {"props": [], "blob": False, "opaque": True}, "no_params": True}, tpath, proj)
                if rec is not None:
                    records.append(rec)
            continue
        mpath = None if r.get("call") or r.get("instance") else proj.find_module(r["target"], path)
        if mpath is not None and any(str(c.get("style") or "").startswith("strands.")
                                     for c in proj.at(mpath).get("tools") or ()):
            # from tools import welcome; Agent(tools=[welcome]): a Strands tool module handed over whole
            # gives its TOOL_SPEC or its @tool functions, each reported in that module
            continue
        tpath, rest = proj.split_target(r["target"], path)
        if r.get("fw_reason") and not _project_module(proj, r["target"], tpath, rest):
            _add_ref_site(sites, path, r, r["fw_reason"])  # the framework's own class, not in the project
            continue
        depth = 0
        while tpath is not None and rest and len(rest) == 1 and depth < 4:
            g = proj.at(tpath)
            if rest[0] in _part(g, "funcs"):
                break
            imp = _part(g, "imports").get(rest[0])
            if not imp:
                break
            tpath, rest = proj.split_target(imp, tpath)
            depth += 1
        if tpath is not None and rest and len(rest) == 1 and rest[0] not in _part(proj.at(tpath), "funcs"):
            tpath = _reexported(proj, tpath, rest[0]) or tpath
        if tpath is not None and rest and len(rest) == 2:
            # SearchTools.search_internet, ExaSearchTool.tools(): a method of a class in another
            # module, read when it is a declared tool or hands back tools declared there
            method = _part(proj.at(tpath), "funcs").get(".".join(rest))
            hops = 0
            while method is None and hops < 4 and rest[0] in _part(proj.at(tpath), "imports"):
                # the class re-exported by a package (tools/__init__.py: from .collection import ToolCollection)
                tpath, rest2 = proj.split_target(f"{_part(proj.at(tpath), 'imports')[rest[0]]}.{rest[1]}", tpath)
                if tpath is None or not rest2 or len(rest2) != 2:
                    break
                rest = rest2
                method = _part(proj.at(tpath), "funcs").get(".".join(rest))
                hops += 1
            if method is not None and (method.get("self_tools") if r.get("call") else
                                       (r.get("bound") or r.get("reg")) and method.get("bound") and not method.get("cand")):
                # plugin.get_functions() / plugin.get_ticket: bound methods of an object of a plain
                # class of that module, reported there as plain functions
                for m in (method["self_tools"] if r.get("call") else [rest[1]]):
                    entry = _part(proj.at(tpath), "funcs").get(f"{rest[0]}.{m}")
                    if entry is None or not entry.get("bound"):
                        _add_ref_site(sites, path, r, "method parr does not read as a tool")
                        continue
                    _take_plain(proj, r, tpath, m, entry, taken, records)
                continue
            if method is None or not method.get("returns_tools" if r.get("call") else "cand"):
                reason = "tools made by a call parr cannot read" if r.get("call") else "method parr does not read as a tool"
                _add_ref_site(sites, path, r, reason)
            continue
        if tpath is None or not rest or len(rest) != 1:
            _add_ref_site(sites, path, r, r.get("miss_reason") or (
                "imported from a module parr did not scan" if tpath is None else "unknown element"))
            continue
        g = proj.at(tpath)
        entry = _part(g, "funcs").get(rest[0])
        if entry is None:
            if r.get("instance"):
                known = any(c.get("class_name") == rest[0] for c in g.get("tools") or ())
                reason = None if known else "instance of a class parr does not read as a tool"
            elif rest[0] in (g.get("schema_classes") or {}) and not any(
                    c.get("class_name") == rest[0] for c in g.get("tools") or ()):
                # bind_tools([NewEmailDraft]) with the model defined in another module: a schema-only tool
                line, doc = g["schema_classes"][rest[0]]
                if line not in taken.get(tpath, set()):
                    fw = r.get("framework") or next(iter(g.get("hints") or []), None) or "langchain"
                    rec = _record({"name": rest[0], "line": line, "framework": "langchain" if fw == "langgraph" else fw,
                                   "style": "langchain.schema_class", "schema": "pydantic", "typed": True,
                                   "description": doc, "fx": []}, tpath)
                    if rec is not None:
                        records.append(rec)
                        taken.setdefault(tpath, set()).add(line)
                reason = None
            elif r.get("reg") and rest[0] in _part(g, "classes") and not any(
                    c.get("class_name") == rest[0] for c in g.get("tools") or ()):
                # a plain class given to a registration helper that registers every public function
                # of a class (register_toolkits([..., ReportAnalysisUtils])): each one, at its def
                reason = None
                funcs = _part(g, "funcs")
                found = False
                for key, fentry in funcs.items():
                    head, _, m = key.partition(".")
                    if head != rest[0] or not m or "." in m or not fentry.get("bound"):
                        continue
                    found = True
                    _take_plain(proj, r, tpath, m, fentry, taken, records)
                if not found:
                    reason = "class whose functions parr does not read as tools"
            elif rest[0] in _part(g, "classes") or rest[0] in (g.get("consts") or {}):
                reason = None  # a tool class (the class rules judge it there) or a hosted tool's name
            elif rest[0] in (g.get("vars") or ()):
                reason = None if _var_covered(g, rest[0]) else "a value from another module parr cannot read"
            else:
                reason = "unknown element"
            if reason:
                _add_ref_site(sites, path, r, reason)
            continue
        if r.get("call"):
            if not entry.get("returns_tools"):
                _add_ref_site(sites, path, r, "tools made by a call parr cannot read")
            continue
        if entry.get("cand"):
            continue
        if entry["line"] in taken.get(tpath, set()):
            continue
        rec = _plain_record(proj, r, tpath, rest[0], entry)
        if rec is not None:
            records.append(rec)
            taken.setdefault(tpath, set()).add(entry["line"])
    _definition_tables(proj, records, sites)
    _config_key_sites(proj, sites)
    declared = {t.name for t in records if t.style != "fastmcp.from_openapi" and t.framework in ("fastmcp", "mcp")}
    if declared:
        # a tool the project declares on a server shadows a generated one of the same name (the
        # route filter leaves the operation out, or the parent server's own tool is found first)
        records = [t for t in records if not (t.style == "fastmcp.from_openapi" and t.name in declared)]
    registry.resolve_registries(proj, records, sites)
    registry.resolve_middleware(proj, records)
    swe_bundles.resolve(proj, records, sites, _record)
    if nat_configs is not None:
        records = nat_configs.settle_drivers(records)
    records.sort(key=lambda t: (t.file, t.line, t.name))
    sites.sort(key=lambda s: (s.file, s.line, s.call))
    return records, errors
