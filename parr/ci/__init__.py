"""Glue for CI systems: the GitHub Action's steps as a module tests can run with a fake environment."""
