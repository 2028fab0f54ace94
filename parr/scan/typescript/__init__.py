"""TypeScript / JavaScript tool discovery (tree-sitter based).

`TypeScriptScanner` implements the two-phase `LanguageScanner` protocol for .ts, .tsx, .mts,
.cts, .js, .jsx, .mjs and .cjs files (declaration files .d.ts are skipped).
"""

from parr.scan.typescript.scanner import TypeScriptScanner

__all__ = ["TypeScriptScanner"]
