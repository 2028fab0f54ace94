"""Policy gates evaluated for real: Cedar (cedarpy) and Rego (regopy), tests, probes, scaffold.

Modules: `sources` reads files; `cedar` and `rego` load and evaluate each engine; `requests` and
`probe` build the requests and judge the answers; `bounded` caps evaluation time; `evaluate`
puts it together for one manifest; `render` shows it; `scaffold` drafts a Cedar policy;
`commands` is the `parr policy` click group.
"""
