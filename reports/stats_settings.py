"""How the statistics are computed: the settings stored with every result."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from common.errors import StatsError

BOOTSTRAP_METHODS = ("BCa", "percentile")


# --- settings --------------------------------------------------------------------------
@dataclass(frozen=True)
class Settings:
    """How every statistic is computed; stored with each result so it can be recomputed.

    ``detect`` is the difference the rows-needed estimate is for (0.10: ten points of
    pass rate, or 0.10 of a 0-1 score); ``power`` the chance of detecting it.
    """

    confidence: float = 0.95
    seed: int = 0
    n_resamples: int = 2000
    bootstrap: str = "BCa"
    detect: float = 0.10
    power: float = 0.80

    def __post_init__(self) -> None:
        if not isinstance(self.confidence, (int, float)) or not 0.5 <= self.confidence < 1:
            raise StatsError(f"confidence must be at least 0.5 and below 1, not {self.confidence!r}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise StatsError(f"the seed must be a whole number >= 0, not {self.seed!r}")
        if isinstance(self.n_resamples, bool) or not isinstance(self.n_resamples, int) \
                or not 100 <= self.n_resamples <= 100_000:
            raise StatsError(f"bootstrap resamples must be a whole number from 100 to 100000, not {self.n_resamples!r}")
        if self.bootstrap not in BOOTSTRAP_METHODS:
            raise StatsError(f"bootstrap method must be one of {', '.join(BOOTSTRAP_METHODS)}, not {self.bootstrap!r}")
        if not isinstance(self.detect, (int, float)) or not 0 < self.detect <= 1:
            raise StatsError(f"the difference to detect must be above 0 and at most 1, not {self.detect!r}")
        if not isinstance(self.power, (int, float)) or not 0.5 <= self.power < 1:
            raise StatsError(f"power must be at least 0.5 and below 1, not {self.power!r}")

    @property
    def alpha(self) -> float:
        return 1 - self.confidence

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


DEFAULT = Settings()


__all__ = ["BOOTSTRAP_METHODS", "DEFAULT", "Settings"]
