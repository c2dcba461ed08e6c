"""How the statistics are computed: the settings stored with every result."""

from __future__ import annotations

from common.i18n import _

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
            raise StatsError(_('confidence must be at least 0.5 and below 1, not {confidence!r}').format(confidence=self.confidence))
        if isinstance(self.seed, bool) or not isinstance(self.seed, int) or self.seed < 0:
            raise StatsError(_('the seed must be a whole number >= 0, not {seed!r}').format(seed=self.seed))
        if isinstance(self.n_resamples, bool) or not isinstance(self.n_resamples, int) \
                or not 100 <= self.n_resamples <= 100_000:
            raise StatsError(_('bootstrap resamples must be a whole number from 100 to 100000, not {n_resamples!r}').format(n_resamples=self.n_resamples))
        if self.bootstrap not in BOOTSTRAP_METHODS:
            raise StatsError(_('bootstrap method must be one of {BOOTSTRAP_METHODS}, not {bootstrap!r}').format(BOOTSTRAP_METHODS=', '.join(BOOTSTRAP_METHODS), bootstrap=self.bootstrap))
        if not isinstance(self.detect, (int, float)) or not 0 < self.detect <= 1:
            raise StatsError(_('the difference to detect must be above 0 and at most 1, not {detect!r}').format(detect=self.detect))
        if not isinstance(self.power, (int, float)) or not 0.5 <= self.power < 1:
            raise StatsError(_('power must be at least 0.5 and below 1, not {power!r}').format(power=self.power))

    @property
    def alpha(self) -> float:
        return 1 - self.confidence

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


DEFAULT = Settings()


__all__ = ["BOOTSTRAP_METHODS", "DEFAULT", "Settings"]
