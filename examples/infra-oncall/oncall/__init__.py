"""Oncall assistant (LangGraph): investigates alerts and proposes restarts and scaling for a human to approve."""
