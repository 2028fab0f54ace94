"""The tool factories of @llamaindex/tools 0.1.12 (LlamaIndex.TS built-ins), as data (generated: do not edit).

Written by benchmarks/llamaindex_ts_builtins.py from the npm package, read with tree-sitter (names and
flags only): factory -> (name the model sees, mutating, typed), the flags parr's own verdict on each
tool's definition in the bundle; RUNTIME: factories whose tools are listed at run time."""

FACTORIES: dict[str, tuple[str, bool, bool]] = {
    'codeArtifactGenerator': ('code_artifact_generator', False, True),
    'codeGenerator': ('artifact', True, True),
    'documentArtifactGenerator': ('document_artifact_generator', False, True),
    'documentGenerator': ('document_generator', True, True),
    'duckduckgo': ('duckduckgo_search', False, True),
    'extractMissingCells': ('extract_missing_cells', False, True),
    'fillMissingCells': ('fill_missing_cells', True, True),
    'imageGenerator': ('image_generator', True, True),
    'interpreter': ('interpreter', True, False),
    'weather': ('weather', False, True),
    'wiki': ('wikipedia', False, True),
}
RUNTIME: tuple[str, ...] = ('getOpenAPIActionTools', 'mcp')
