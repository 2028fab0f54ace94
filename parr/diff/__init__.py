"""`parr diff`: what a change does to an agent's tool surface, manifest, policy decisions and verdict."""
