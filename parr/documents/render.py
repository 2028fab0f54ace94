"""Rendering documents from jinja2 templates in a sandbox, with overrides taken by name from a folder."""

from __future__ import annotations

import json
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


def package_dir(name: str) -> Path:
    return Path(str(resources.files("parr") / name))


def _yaml_scalar(value: Any) -> str:
    """A YAML-safe scalar: JSON strings and numbers are valid YAML, and quoting defeats injection."""
    return json.dumps(value, ensure_ascii=False)


def environment(override_dir: Path | None = None) -> ImmutableSandboxedEnvironment:
    """Templates run sandboxed (no attribute access to Python internals, no mutation of the context)
    and fail loudly on any undefined variable. A folder given with --templates wins by file name."""
    search = [str(package_dir("templates")), str(package_dir("runbooks"))]
    if override_dir is not None:
        if not override_dir.is_dir():
            raise ParrInputError(f"{override_dir}: --templates must be a directory of .j2 templates.")
        search.insert(0, str(override_dir))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader(search),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["yaml"] = _yaml_scalar
    return env


def render_document(template_name: str, context: dict[str, Any], override_dir: Path | None = None) -> str:
    env = environment(override_dir)
    try:
        template = env.get_template(template_name)
        return template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise ParrInputError(f"{exc.filename or exc.name}:{exc.lineno}: template syntax error: {exc.message}.") from None
    except jinja2.UndefinedError as exc:
        raise ParrInputError(f"template {template_name}: {exc.message}; the template uses a value parr does not provide.") from None
    except jinja2.exceptions.SecurityError as exc:
        raise ParrInputError(f"template {template_name}: refused by the sandbox: {exc}.") from None
    except jinja2.TemplateNotFound as exc:
        raise ParrInputError(f"template {exc.name} not found in {override_dir or 'the package'}.") from None
