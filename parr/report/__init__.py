"""`parr report`: one self-contained HTML page with the verdict, tool surface, rollout history and signals."""
