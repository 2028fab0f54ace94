"""Policy gates evaluated for real: Cedar (cedarpy) and Rego (regopy), tests, probes, scaffold.

Modules: `sources` reads files; `cedar` and `rego` load and evaluate each engine; `requests` and
`probe` build the requests and judge the answers; `bounded` sets the deadline; `isolated` runs the
engines in a child process (`worker`) with time and memory caps; `evaluate` puts it together for
one manifest; `render` shows it; `scaffold` drafts a Cedar policy;
`commands` is the `parr policy` click group.
"""
