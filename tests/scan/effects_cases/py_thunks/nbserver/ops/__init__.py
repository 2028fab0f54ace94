from nbserver.ops.cells import DropCellOp, PeekCellOp
from nbserver.ops.run import RunSnippetOp

__all__ = ["DropCellOp", "PeekCellOp", "RunSnippetOp"]
