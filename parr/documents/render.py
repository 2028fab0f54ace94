"""Rendering documents from jinja2 templates in a sandbox, with overrides taken by name from a folder.

Override templates are the user's code: they run in jinja2's sandbox, in a child process with a
deadline and a memory cap, and their output is bounded; whatever goes wrong in them ends as one
line naming the template file and line.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
import traceback
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from parr.errors import ParrInputError

DOCUMENTS = {
    ("runbook", "markdown"): "runbook.md.j2",
    ("dri", "markdown"): "dri.md.j2",
    ("dri", "yaml"): "dri.yaml.j2",
    ("postmortem", "markdown"): "postmortem.md.j2",
}

# Bounds for override templates: the shipped documents are a few kilobytes and render in milliseconds.
MAX_OUTPUT_CHARS = 8 * 1024 * 1024
TEMPLATE_TIMEOUT_SECONDS = 10.0  # of the rendering child's CPU time: a loaded machine does not shorten it
# Wall-clock backstop, as a multiple of the CPU budget: a child that waits instead of computing (it
# cannot, in the sandbox, but the deadline must not depend on that) is stopped all the same.
TEMPLATE_WALL_FACTOR = 6.0
TEMPLATE_MEMORY_BYTES = 512 * 1024 * 1024


def package_dir(name: str) -> Path:
    return Path(str(resources.files("parr") / name))


def _yaml_scalar(value: Any) -> str:
    """A YAML-safe scalar: JSON strings and numbers are valid YAML, and quoting defeats injection."""
    from parr.documents.escape import raw_text

    return json.dumps(raw_text(value), ensure_ascii=False)


def environment(override_dir: Path | None = None) -> ImmutableSandboxedEnvironment:
    """Templates run sandboxed (no attribute access to Python internals, no mutation of the context)
    and fail loudly on any undefined variable. A folder given with --templates wins by file name."""
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader([str(package_dir("templates")), str(package_dir("runbooks"))])]
    if override_dir is not None:
        if not override_dir.is_dir():
            raise ParrInputError(f"{override_dir}: --templates must be a directory of .j2 templates.")
        loaders.insert(0, _OverrideLoader(str(override_dir)))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["yaml"] = _yaml_scalar
    from parr.documents.escape import code_span, markdown_text

    env.filters["md"] = markdown_text
    env.filters["code"] = code_span
    return env


class _OverrideLoader(jinja2.FileSystemLoader):
    """The --templates folder: a name there that is not a regular file (a FIFO, a link to
    /dev/zero) is an error, not a silent fall-back to the shipped template of that name."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        for folder in self.searchpath:
            path = os.path.join(folder, *jinja2.loaders.split_template_path(template))
            if os.path.lexists(path) and not os.path.isfile(path):
                raise ParrInputError(f"{path}: is not a regular file; an override template must be one.")
        return super().get_source(environment, template)


def render_document(template_name: str, context: dict[str, Any], override_dir: Path | None = None) -> str:
    """The document; with override templates, rendered in a bounded child process where the OS allows."""
    if override_dir is None:
        return _render(template_name, context, None)
    environment(override_dir)  # a missing folder is reported here, not from the child
    if "fork" not in multiprocessing.get_all_start_methods():
        return _render(template_name, context, override_dir)
    return _render_in_child(template_name, context, override_dir)


def _render(template_name: str, context: dict[str, Any], override_dir: Path | None) -> str:
    env = environment(override_dir)
    try:
        template = env.get_template(template_name)
        pieces: list[str] = []
        size = 0
        for piece in template.generate(**context):
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                raise ParrInputError(
                    f"{_where(override_dir, template_name)}: the rendered document passed "
                    f"{MAX_OUTPUT_CHARS // (1024 * 1024)} MiB; a loop in the template?"
                )
            pieces.append(piece)
        return "".join(pieces)
    except jinja2.TemplateSyntaxError as exc:
        raise ParrInputError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}.") from None
    except jinja2.UndefinedError as exc:
        raise ParrInputError(f"template {template_name}: {exc.message}; the template uses a value parr does not provide.") from None
    except jinja2.exceptions.SecurityError as exc:
        raise ParrInputError(f"{_where(override_dir, template_name)}: refused by the sandbox: {str(exc).rstrip('.')}.") from None
    except jinja2.TemplateNotFound as exc:
        raise ParrInputError(f"template {exc.name} not found in {override_dir or 'the package'}.") from None
    except (ParrInputError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - only errors raised inside an override template are caught
        place = _override_frame(exc, override_dir)
        if place is None:
            raise  # raised in parr's own templates or code: a parr bug, not the user's
        file, line = place
        kind = "nesting too deep (does a template include itself?)" if isinstance(exc, RecursionError) else (
            f"{type(exc).__name__}: {_short(str(exc))}")
        raise ParrInputError(f"{file}:{line}: the template failed: {kind}; fix the template.") from None


def _override_frame(exc: BaseException, override_dir: Path | None) -> tuple[str, int] | None:
    """The innermost traceback frame inside an override template (jinja maps frames to template lines)."""
    if override_dir is None:
        return None
    root = os.path.realpath(override_dir)
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename and os.path.realpath(frame.filename).startswith(root + os.sep):
            found = (frame.filename, frame.lineno or 0)
    return found


def _where(override_dir: Path | None, template_name: str) -> str:
    if override_dir is not None and (override_dir / template_name).is_file():
        return str(override_dir / template_name)
    return f"template {template_name}"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 160 else text[:157] + "..."


def _render_in_child(template_name: str, context: dict[str, Any], override_dir: Path) -> str:
    """Render in a forked child with a deadline and an address-space cap, so a template that loops,
    recurses or allocates without end costs at most TEMPLATE_TIMEOUT_SECONDS and the cap."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child_main, args=(send, template_name, context, override_dir), daemon=True)
    child.start()
    send.close()
    too_long = ParrInputError(
        f"{override_dir}: rendering {template_name} did not finish within {TEMPLATE_TIMEOUT_SECONDS:g} s; "
        "look for a loop or a template that includes itself."
    )
    try:
        if not receive.poll(TEMPLATE_TIMEOUT_SECONDS * TEMPLATE_WALL_FACTOR):
            raise too_long
        try:
            kind, payload = receive.recv()
        except EOFError:
            child.join(1)
            if child.exitcode in (-signal.SIGXCPU, -signal.SIGKILL) and _cpu_limited():
                raise too_long from None  # the kernel stopped it at its CPU budget (RLIMIT_CPU)
            raise ParrInputError(
                f"{override_dir}: rendering {template_name} was killed (exit {child.exitcode}); "
                f"the templates may use more than {TEMPLATE_MEMORY_BYTES // (1024 * 1024)} MiB."
            ) from None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "ok":
        return str(payload)
    if kind == "input":
        raise ParrInputError(payload[0], payload)
    raise RuntimeError(f"rendering {template_name} failed inside parr:\n{payload}")


def _child_main(send: Any, template_name: str, context: dict[str, Any], override_dir: Path) -> None:
    _limit_memory()
    _limit_cpu()
    try:
        message: tuple[str, Any] = ("ok", _render(template_name, context, override_dir))
    except ParrInputError as exc:
        message = ("input", list(exc.problems))
    except MemoryError:
        message = ("input", [f"{override_dir}: rendering {template_name} needed more than "
                             f"{TEMPLATE_MEMORY_BYTES // (1024 * 1024)} MiB; look for a runaway loop or a huge string."])
    except BaseException:  # noqa: BLE001 - handed to the parent, which reports it as parr's own bug
        message = ("bug", traceback.format_exc())
    try:
        send.send(message)
    finally:
        send.close()
        # Skip atexit handlers and buffers inherited from the parent: they belong to it.
        os._exit(0)


def _cpu_limited() -> bool:
    """Whether the child's CPU budget is enforced by the kernel here (POSIX RLIMIT_CPU)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return False
    return hasattr(resource, "RLIMIT_CPU")


def _limit_cpu() -> None:
    """The child's CPU budget: SIGXCPU at TEMPLATE_TIMEOUT_SECONDS of its own CPU time (a forked
    child starts at zero), SIGKILL a second later. Counting CPU rather than wall time keeps a loaded
    machine from cutting short a template that would finish, and a busy loop from running on."""
    if not _cpu_limited():
        return
    import math
    import resource

    budget = max(1, math.ceil(TEMPLATE_TIMEOUT_SECONDS))
    _soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY and hard < budget + 1:
        return  # a tighter limit already applies: the wall-clock backstop still holds
    resource.setrlimit(resource.RLIMIT_CPU, (budget, budget + 1))
    if hasattr(resource, "RLIMIT_CORE"):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # SIGXCPU dumps core by default: no core file


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        used = 0
    limit = used + TEMPLATE_MEMORY_BYTES
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if sys.platform.startswith("linux"):
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
