"""The files a manifest names (policies, Cedar schema, eval results, trace sample), as written in it."""

from __future__ import annotations

from parr.manifest.models import Manifest


def referenced_files(manifest: Manifest) -> list[str]:
    """Every file path the manifest points at, relative to its directory as written, in a stable order."""
    named = [*manifest.policies.files]
    if manifest.policies.schema_file:
        named.append(manifest.policies.schema_file)
    for suite_name in ("regression", "scenario", "adversarial"):
        suite = getattr(manifest.evals, suite_name)
        if suite is not None and suite.results:
            named.append(suite.results)
    trace = manifest.observability.trace
    if trace is not None and trace.sample:
        named.append(trace.sample)
    return named
