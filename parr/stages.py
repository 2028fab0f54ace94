"""The rollout stages, in order (DESIGN §5)."""

from __future__ import annotations

from enum import Enum


class Stage(str, Enum):
    PROPOSE = "propose"
    STAGING_WRITES = "staging-writes"
    NARROW_PRODUCTION_WRITES = "narrow-production-writes"
    AUTONOMOUS = "autonomous"

    @property
    def rank(self) -> int:
        return STAGE_ORDER.index(self)

    def at_least(self, other: "Stage") -> bool:
        return self.rank >= other.rank

    @classmethod
    def parse(cls, text: str) -> "Stage":
        try:
            return cls(text)
        except ValueError:
            names = ", ".join(s.value for s in STAGE_ORDER)
            raise ValueError(f"unknown stage '{text}': use one of {names}") from None


STAGE_ORDER: tuple[Stage, ...] = (
    Stage.PROPOSE,
    Stage.STAGING_WRITES,
    Stage.NARROW_PRODUCTION_WRITES,
    Stage.AUTONOMOUS,
)
