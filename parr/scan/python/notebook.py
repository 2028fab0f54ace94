"""Jupyter notebooks as Python: code cells joined into one source, and joined lines mapped back to cell and line."""

from __future__ import annotations

import ast
import json
import re
from bisect import bisect_right
from dataclasses import dataclass

# IPython-only lines (`%pip install x`, `!ls`): replaced, so line numbers hold.
_MAGIC_LINE = re.compile(r"^[ \t]*[%!]")
# IPython's assignment from a shell command or magic (`token = !gcloud auth print-access-token`).
_MAGIC_ASSIGN = re.compile(r"^([ \t]*[A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*[ \t]*=[ \t]*)[%!]")
# A cell magic (`%%bash`) makes the whole cell another language.
_CELL_MAGIC = re.compile(r"^[ \t]*%%")
# `%%writefile [-a] pkg/register.py`: the cell is the text of a file the notebook writes (a package's
# Python, a workflow config), run later by what the notebook starts; its code is the notebook's.
_WRITEFILE = re.compile(r"^[ \t]*%%writefile(?:[ \t]+(?:-a|--append))?[ \t]+[\"']?([^\s\"']+)[\"']?[ \t]*$")


class NotebookUnreadable(ValueError):
    """The bytes are not a notebook parr can read (invalid JSON, or no list of cells)."""


@dataclass(frozen=True, slots=True)
class Notebook:
    """The joined Python source; `starts[i]` is the joined line where cell i+1 (counting every
    cell, as Jupyter and editors number them) begins; `bad` lists (cell, line in cell, message)
    for code cells with a syntax error, which are left out (blanked)."""

    source: str
    starts: tuple[int, ...]
    bad: tuple[tuple[int, int | None, str], ...] = ()
    written: tuple[tuple[str, str], ...] = ()  # (path, text) of each non-Python file a %%writefile cell writes

    def locate(self, line: int) -> tuple[int, int]:
        """(cell, line within the cell), both from 1, of a line of the joined source."""
        index = max(0, bisect_right(self.starts, line) - 1)
        return index + 1, line - self.starts[index] + 1


def _cell_text(cell: object) -> str | None:
    if not isinstance(cell, dict):
        return None
    source = cell.get("source", "")
    if isinstance(source, list):
        if not all(isinstance(part, str) for part in source):
            return None
        return "".join(source)
    return source if isinstance(source, str) else None


def _language(metadata: object) -> str | None:
    """The language notebook or cell metadata names (kernelspec, language_info, VS Code, .NET
    Interactive / Polyglot), lower case; None when it names none."""
    if not isinstance(metadata, dict):
        return None
    candidates = [
        (metadata.get("kernelspec") or {}).get("language") if isinstance(metadata.get("kernelspec"), dict) else None,
        (metadata.get("language_info") or {}).get("name") if isinstance(metadata.get("language_info"), dict) else None,
        (metadata.get("vscode") or {}).get("languageId") if isinstance(metadata.get("vscode"), dict) else None,
        (metadata.get("dotnet_interactive") or {}).get("language")
        if isinstance(metadata.get("dotnet_interactive"), dict) else None,
        (metadata.get("polyglot_notebook") or {}).get("kernelName")
        if isinstance(metadata.get("polyglot_notebook"), dict) else None,
    ]
    for value in candidates:
        if isinstance(value, str) and value.strip():
            return value.strip().lower()
    return None


def _without_magics(lines: list[str]) -> list[str]:
    """Each magic or shell line, and the lines it continues onto with a trailing backslash,
    becomes `pass` at its indentation (`x = !cmd` becomes `x = None`): line numbers hold, and an `else:` whose only statement
    was `!wget ...` still has a body."""
    out: list[str] = []
    continued = False
    for line in lines:
        magic = _MAGIC_LINE.match(line)
        assign = None if magic is not None or continued else _MAGIC_ASSIGN.match(line)
        if magic is not None or assign is not None or continued:
            if assign is not None:
                out.append(assign.group(1) + "None")  # the name is still bound, to nothing parr reads
            else:
                out.append(line[:len(line) - len(line.lstrip())] + "pass" if magic is not None else "")
            continued = line.rstrip().endswith("\\")
        else:
            out.append(line)
    return out


def read_notebook(data: bytes) -> Notebook:
    """The notebook's Python code cells as one Python source. Markdown and raw cells, cells in
    another language (by the notebook's or the cell's metadata), cell magics and
    cells that do not parse on their own (each cell is run on its own, so each must) become
    blank lines; magic and shell lines become `pass`. Raises NotebookUnreadable."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise NotebookUnreadable(f"not valid JSON ({exc.__class__.__name__})") from None
    cells = doc.get("cells") if isinstance(doc, dict) else None
    if not isinstance(cells, list):
        raise NotebookUnreadable("no list of cells")
    python_kernel = _language(doc.get("metadata")) in (None, "python")
    lines: list[str] = []
    starts: list[int] = []
    bad: list[tuple[int, int | None, str]] = []
    written: list[tuple[str, str]] = []
    for number, cell in enumerate(cells, 1):
        starts.append(len(lines) + 1)
        text = _cell_text(cell)
        if text is None:
            raise NotebookUnreadable(f"cell {number} has no readable source")
        cell_lines = text.split("\n")
        # A C# or R notebook (or a polyglot one's C# cells) is no Python for parr to read.
        language = _language(cell.get("metadata")) if isinstance(cell, dict) else None
        is_code = (isinstance(cell, dict) and cell.get("cell_type") == "code"
                   and (language == "python" or (language is None and python_kernel)))
        written_to = _WRITEFILE.match(cell_lines[0]) if is_code and cell_lines else None
        if written_to is not None and not written_to.group(1).endswith(".py"):
            written.append((written_to.group(1), "\n".join(cell_lines[1:])))
        if written_to is not None and written_to.group(1).endswith(".py"):
            cell_lines = [""] + cell_lines[1:]  # a module the notebook writes: plain Python, no magics
        elif not is_code or (cell_lines and _CELL_MAGIC.match(cell_lines[0])):
            lines.extend("" for _ in cell_lines)
            continue
        else:
            cell_lines = _without_magics(cell_lines)
        try:
            ast.parse("\n".join(cell_lines))
        except SyntaxError as exc:
            bad.append((number, exc.lineno, exc.msg))
            cell_lines = ["" for _ in cell_lines]
        except (ValueError, RecursionError, MemoryError) as exc:
            bad.append((number, None, exc.__class__.__name__))
            cell_lines = ["" for _ in cell_lines]
        lines.extend(cell_lines)
    return Notebook("\n".join(lines) + "\n", tuple(starts) or (1,), tuple(bad), tuple(written))



def is_notebook(rel_path: str) -> bool:
    return rel_path.endswith(".ipynb")
