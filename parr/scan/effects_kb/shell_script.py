"""What a shell script does, read as text (never run): whether it only reads or may change state.

A script is split into its simple commands (those of pipelines, lists, `if`/`while` bodies, function
bodies, and the command substitutions `$(...)` and backquotes inside words). Each command is judged:

- the utilities POSIX and GNU document as printing, searching or testing only (`echo`, `grep`,
  `find`, `wc`, `awk`, `sed -n` ...) read, unless given what makes them write: `sed -i`, `sort -o`,
  `find -delete` / `-fprint`, a `find -exec` or `xargs` whose own command writes, an `awk` program
  that calls `system()` or prints into a file or a pipe, `tee` into a file;
- a command-line tool `effects_kb.cli` knows (`git`, `kubectl` ...) is judged by its subcommand;
- an output redirection into a file (`> out`, `>> log`, `&> f`; not `/dev/null`, the standard
  streams or another descriptor) writes;
- a shell or interpreter run on code (`eval`, `source`, `bash -c`, `python`), a command whose name
  is made at run time (`$cmd`), and any other program change state (fail closed). A command the
  caller may know (another command installed beside the script) is returned as a call to settle.

Functions the script defines are not commands: their bodies are read where they are defined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parr.scan.effects_kb import cli as cli_kb

# One word of a command: its literal text, or None when part of it is expanded at run time
# (`$1`, `"$dir"`, `$(...)`): what it holds is the script's input or another command's output.
Word = str | None


@dataclass
class Command:
    words: list[Word] = field(default_factory=list)
    redirects: list[tuple[str, Word]] = field(default_factory=list)  # (operator, target)
    defines: bool = False  # `name() {`: a function definition, no command


@dataclass
class Reading:
    """The script's commands judged: `writes` (evidence of each change), `reads` (the commands that
    only read), `calls` (commands this module does not know, for the caller to settle: unsettled,
    each changes state)."""

    writes: list[str] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)


# Printing, searching, comparing and testing utilities (POSIX.1-2017 "Utilities", GNU coreutils,
# findutils, grep, diffutils): they write to standard output only. Flags that make some of them
# write are checked below (_WRITE_FLAGS, find, awk, tee).
_READS = frozenset(
    "echo printf cat tac head tail wc grep egrep fgrep rg ag cut tr sort uniq nl fold fmt paste join comm cmp diff "
    "column expand unexpand od hexdump xxd strings base64 md5sum sha1sum sha256sum cksum file stat du df ls tree "
    "realpath readlink dirname basename pwd which whereis type test [ [[ true false : sleep seq expr date id "
    "whoami hostname uname printenv tput jq yq less more sed awk gawk mawk nawk find locate tee xargs env "
    "command builtin".split())
# Shell builtins that change only the script's own state (its variables, directory, arguments).
_SHELL_STATE = frozenset("cd pushd popd local export declare typeset readonly unset set shift return exit break "
                         "continue read getopts shopt trap wait let alias unalias hash umask ulimit".split())
# Words that open or close a compound command: the command is what follows them.
_KEYWORDS = frozenset("if then else elif fi do done while until ! time { } esac".split())
# Run the command given after their own options.
_WRAPPERS = frozenset({"nohup", "nice", "timeout", "stdbuf", "ionice", "chrt", "taskset", "exec"})
# Run code given to them: whatever it says, they do.
_RUNS_CODE = frozenset("eval source . bash sh zsh dash ksh fish python python2 python3 node perl ruby php "
                       "deno bun osascript pwsh powershell".split())
_WRITE_FLAGS = {
    "sed": re.compile(r"^(?:-[a-zA-Z]*i.*|--in-place.*)$"),
    "sort": re.compile(r"^(?:-[a-zA-Z]*o.*|--output.*)$"),
}
_FIND_WRITES = frozenset({"-delete", "-fprint", "-fprint0", "-fprintf", "-fls"})
_FIND_RUNS = frozenset({"-exec", "-execdir", "-ok", "-okdir"})
_XARGS_VALUE_FLAGS = frozenset({"-I", "-i", "-n", "-P", "-L", "-l", "-d", "-s", "-E", "-e", "-a", "--delimiter",
                                "--max-args", "--max-procs", "--arg-file", "--replace"})
_AWK_VALUE_FLAGS = frozenset({"-F", "-v", "--field-separator", "--assign"})
_AWK_WRITES = re.compile(r"system\s*\(|\|\s*(?:&|getline\b)?|\bprintf?\b[^;{}\n]*?>|\bfflush\b|\bclose\s*\(")
_QUIET_TARGETS = frozenset({"/dev/null", "/dev/stdout", "/dev/stderr", "/dev/tty"})
_HEREDOC = re.compile(r"<<(-?)[ \t]*(['\"]?)([A-Za-z_][\w.-]*)\2")
_ASSIGN = re.compile(r"^[A-Za-z_]\w*(?:\[[^\]]*\])?\+?=")
MAX_DEPTH = 16


def _strip_heredocs(text: str) -> str:
    """The script without the bodies of its here-documents (data fed to a command, not commands)."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        for m in _HEREDOC.finditer(line.replace("<<<", "   ")):
            tab, end = m.group(1), m.group(3)
            while i < len(lines):
                body = lines[i].lstrip("\t") if tab else lines[i]
                i += 1
                if body.rstrip() == end:
                    break
    return "\n".join(out)


class _Parser:
    def __init__(self, text: str, depth: int = 0) -> None:
        self.s = text
        self.i = 0
        self.depth = depth
        self.commands: list[Command] = []
        self.cur = Command()
        self.word: list[str] = []
        self.in_word = False
        self.dynamic = False
        self.literal_head = 0  # length of the literal text before the word's first expansion

    # -- words ---------------------------------------------------------------------------------
    def _end_word(self) -> None:
        if self.in_word:
            text = "".join(self.word)
            if not self.dynamic:
                self.cur.words.append(text)
            else:
                # `dir=$(realpath "$dir")`: an assignment whatever its value; kept as its name part
                m = _ASSIGN.match(text[:self.literal_head])
                self.cur.words.append(m.group(0) if m else None)
        self.word, self.in_word, self.dynamic = [], False, False
        self.literal_head = 0

    def _mark_dynamic(self) -> None:
        if not self.dynamic:
            self.literal_head = len("".join(self.word))
        self.in_word, self.dynamic = True, True

    def _end_command(self) -> None:
        self._end_word()
        if self.cur.words or self.cur.redirects:
            self.commands.append(self.cur)
        self.cur = Command()

    def _matching(self, start: int, open_: str, close: str) -> int:
        """Index just past the `close` matching the `open_` before `start`, skipping quoted text."""
        depth, i, s = 1, start, self.s
        while i < len(s):
            c = s[i]
            if c == "\\":
                i += 2
                continue
            if c == "'" and open_ != "{":
                j = s.find("'", i + 1)
                i = len(s) if j < 0 else j + 1
                continue
            if c == '"':
                i = self._dquote_end(i + 1)
                continue
            if c == open_:
                depth += 1
            elif c == close:
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        return len(s)

    def _dquote_end(self, i: int) -> int:
        s = self.s
        while i < len(s):
            c = s[i]
            if c == "\\":
                i += 2
                continue
            if c == '"':
                return i + 1
            if c == "$" and s.startswith("$(", i):
                i = self._matching(i + 2, "(", ")")
                continue
            if c == "`":
                j = s.find("`", i + 1)
                i = len(s) if j < 0 else j + 1
                continue
            i += 1
        return len(s)

    def _sub(self, text: str) -> None:
        """A command substitution's commands are the script's commands too."""
        if self.depth < MAX_DEPTH:
            inner = _Parser(text, self.depth + 1)
            self.commands.extend(inner.parse())

    def _dollar(self) -> None:
        s, i = self.s, self.i
        was = (self.dynamic, self.literal_head)
        self._mark_dynamic()
        if s.startswith("$((", i):
            self.i = self._matching(i + 3, "(", ")")
            if self.i < len(s) and s[self.i] == ")":
                self.i += 1
        elif s.startswith("$(", i):
            end = self._matching(i + 2, "(", ")")
            self._sub(s[i + 2:end - 1])
            self.i = end
        elif s.startswith("${", i):
            self.i = self._matching(i + 2, "{", "}")
        else:
            m = re.compile(r"\$(?:[A-Za-z_]\w*|[0-9@#?*!$-])").match(s, i)
            if m is None:
                self.word.append("$")
                self.dynamic, self.literal_head = was
                self.i = i + 1
            else:
                self.i = m.end()

    def _double_quoted(self) -> None:
        s = self.s
        self.in_word = True
        i = self.i + 1
        while i < len(s) and s[i] != '"':
            c = s[i]
            if c == "\\" and i + 1 < len(s):
                self.word.append(s[i + 1])
                i += 2
            elif c == "$" and i + 1 < len(s) and (s[i + 1] in "({" or s[i + 1].isalnum() or s[i + 1] in "_@#?*!$-"):
                self.i = i
                self._dollar()
                i = self.i
            elif c == "`":
                j = s.find("`", i + 1)
                j = len(s) if j < 0 else j
                self._sub(s[i + 1:j])
                self._mark_dynamic()
                i = j + 1
            else:
                self.word.append(c)
                i += 1
        self.i = i + 1

    def _redirect(self) -> None:
        s, i = self.s, self.i
        m = re.compile(r"&>>?|>>|>&|>\||<<<|<>|<&|>|<").match(s, i)
        op = m.group(0) if m else s[i]
        self.i = i + len(op)
        if self.in_word and not self.dynamic and "".join(self.word).isdigit():
            self.word, self.in_word = [], False  # 2>file: the descriptor is part of the operator
        else:
            self._end_word()
        while self.i < len(s) and s[self.i] in " \t":
            self.i += 1
        saved = (self.word, self.in_word, self.dynamic)
        self.word, self.in_word, self.dynamic = [], False, False
        self._read_word()
        target: Word = None if self.dynamic else "".join(self.word)
        self.word, self.in_word, self.dynamic = saved
        self.cur.redirects.append((op, target))

    def _read_word(self) -> None:
        """One word at self.i (the target of a redirection)."""
        s = self.s
        while self.i < len(s) and s[self.i] not in " \t\n;|&()<>":
            self._word_piece(s[self.i])

    def _word_piece(self, c: str) -> None:
        """One piece of a word at self.i, starting with `c`: a quoted string, an expansion, an escaped
        character or a plain one."""
        s = self.s
        if c == "'":
            j = s.find("'", self.i + 1)
            j = len(s) if j < 0 else j
            self.word.append(s[self.i + 1:j])
            self.in_word = True
            self.i = j + 1
        elif c == '"':
            self._double_quoted()
        elif c == "$":
            self._dollar()
        elif c == "\\":
            self.word.append(s[self.i + 1:self.i + 2])
            self.in_word = True
            self.i += 2
        else:
            self.word.append(c)
            self.in_word = True
            self.i += 1

    # -- the script ----------------------------------------------------------------------------
    def parse(self) -> list[Command]:
        s = self.s
        while self.i < len(s):
            c = s[self.i]
            if c == "#" and not self.in_word:
                j = s.find("\n", self.i)
                self.i = len(s) if j < 0 else j
            elif c in " \t":
                self._end_word()
                self.i += 1
            elif c == "\\" and s.startswith("\\\n", self.i):
                self._end_word()
                self.i += 2
            elif c == "`":
                j = s.find("`", self.i + 1)
                j = len(s) if j < 0 else j
                self._sub(s[self.i + 1:j])
                self._mark_dynamic()
                self.i = j + 1
            elif c in "<>" or (c == "&" and s.startswith("&>", self.i)):
                self._redirect()
            elif c == "(":
                if s.startswith("()", self.i) or re.compile(r"\(\s*\)").match(s, self.i):
                    self._end_word()
                    self.cur.defines = True  # name() { ...: the body's commands follow
                    self.i = re.compile(r"\(\s*\)").match(s, self.i).end()  # type: ignore[union-attr]
                    self._end_command()
                else:
                    self._end_command()
                    self.i += 1
            elif c in ";|&\n)":
                self._end_command()
                self.i += 1
            else:
                self._word_piece(c)  # quotes, expansions, escapes and plain characters
        self._end_command()
        return self.commands


def commands(text: str) -> list[Command]:
    """The simple commands of a shell script, in order (functions' bodies and substitutions included)."""
    return _Parser(_strip_heredocs(text.replace("\r\n", "\n"))).parse()


def _shown(words: list[Word]) -> str:
    return " ".join(w if w is not None else "<value>" for w in words[:4])


def _judge(words: list[Word], functions: set[str], out: Reading, depth: int = 0) -> None:
    """Adds to `out` what running `words` (one simple command, its redirections aside) does."""
    if depth > 8:
        out.writes.append("a command nested too deeply to read")
        return
    i = 0
    while i < len(words) and (words[i] in _KEYWORDS or (words[i] is not None and _ASSIGN.match(words[i]))):
        i += 1
    words = words[i:]
    if not words:
        return
    exe = words[0]
    if exe is None:
        out.writes.append("runs a command whose name is made at run time")
        return
    base = exe.rsplit("/", 1)[-1]
    args = words[1:]
    if base in ("for", "case", "select", "function", "in"):
        return  # `for x in a b`: its words are values; `function f {`: a definition
    if exe in functions or base in _SHELL_STATE:
        return
    if base in _WRAPPERS:
        rest = [w for w in args if not (w is not None and w.startswith("-"))]
        if base == "timeout" and rest:
            rest = rest[1:]  # the duration
        _judge(rest, functions, out, depth + 1)
        return
    if base in _RUNS_CODE:
        out.writes.append(f"runs code with `{_shown(words)}`")
        return
    decision = cli_kb.classify(base, [w for w in args])
    if decision is not None:
        if decision.kind == cli_kb.READ:
            out.reads.append(decision.evidence)
        else:
            out.writes.append(decision.evidence)
        return
    if base not in _READS:
        if base not in out.calls:
            out.calls.append(base)
        return
    flag_re = _WRITE_FLAGS.get(base)
    if flag_re is not None and any(w is not None and flag_re.match(w) for w in args):
        out.writes.append(f"`{base}` with a flag that writes files")
        return
    if base == "find":
        for j, w in enumerate(args):
            if w in _FIND_WRITES:
                out.writes.append(f"`find {w}` changes files")
                return
            if w in _FIND_RUNS:
                end = next((k for k in range(j + 1, len(args)) if args[k] in (";", "+")), len(args))
                _judge([x for x in args[j + 1:end] if x != "{}"], functions, out, depth + 1)
    elif base == "xargs":
        j = 0
        while j < len(args) and args[j] is not None and args[j].startswith("-"):
            j += 2 if args[j] in _XARGS_VALUE_FLAGS else 1
        _judge(args[j:], functions, out, depth + 1)
        return
    elif base in ("env", "command", "builtin"):
        rest = [w for w in args if not (w is not None and (w.startswith("-") or _ASSIGN.match(w)))]
        if rest:
            if base == "command" and any(w in ("-v", "-V") for w in args):
                pass  # `command -v name`: looks the name up
            else:
                _judge(rest, functions, out, depth + 1)
                return
    elif base in ("awk", "gawk", "mawk", "nawk"):
        j = 0
        while j < len(args) and args[j] is not None and args[j].startswith("-"):
            if args[j] == "-f":
                out.writes.append(f"`{base} -f` runs a program file parr does not read")
                return
            j += 2 if args[j] in _AWK_VALUE_FLAGS else 1
        program = args[j] if j < len(args) else None
        if program is None or _AWK_WRITES.search(program):
            out.writes.append(f"`{base}` program that may run commands or write files")
            return
    elif base == "tee":
        targets = [w for w in args if not (w is not None and w.startswith("-"))]
        if any(t is None or t not in _QUIET_TARGETS for t in targets):
            out.writes.append("`tee` writes into a file")
            return
    out.reads.append(f"{base}: reads")


def read_script(text: str) -> Reading:
    """What the shell script `text` does (see the module's docstring)."""
    cmds = commands(text)
    functions = {c.words[0] for c in cmds if c.defines and c.words and c.words[0] is not None}
    functions |= {c.words[1] for c in cmds if len(c.words) > 1 and c.words[0] == "function" and c.words[1]}
    out = Reading()
    for c in cmds:
        for op, target in c.redirects:
            if op.startswith("<") and op != "<>":
                continue
            if op in (">&", "<&") and (target is None or target.isdigit() or target == "-"):
                continue  # 2>&1, >&2: another descriptor
            if target is not None and (target in _QUIET_TARGETS or (op == ">&" and target.isdigit())):
                continue
            out.writes.append(f"writes into a file (`{op} {target if target is not None else '<value>'}`)")
        if c.defines:
            continue
        _judge(c.words, functions, out)
    return out
