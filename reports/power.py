"""How many rows a paired comparison needs: the power calculations behind the verdict
"no detectable difference (n=12; about 60 rows would detect a 10-point difference)"."""

from __future__ import annotations

from common.i18n import _

import math
import warnings

import numpy as np
from scipy import stats as sps
from statsmodels.stats.power import TTestPower

from common.errors import StatsError

WILCOXON_ARE = 3 / math.pi  # Wilcoxon's efficiency relative to the t-test for normal data (0.955)
MAX_ROWS_NEEDED = 1_000_000


def mcnemar_rows_needed(discordance: float, difference: float, alpha: float = 0.05, power: float = 0.8) -> int:
    """Rows for the McNemar test to detect ``difference`` in paired pass rates with
    ``power`` at two-sided ``alpha``, when a share ``discordance`` of rows is discordant
    (Connor 1987: n = (z(1-alpha/2)·sqrt(psi) + z(power)·sqrt(psi - delta²))² / delta²).
    The discordance is at least the difference (every discordant row one way)."""
    if not 0 < difference <= 1:
        raise StatsError(_('the difference to detect must be above 0 and at most 1, not {difference!r}').format(difference=difference))
    psi = min(max(float(discordance), difference), 1.0)
    za, zb = sps.norm.ppf(1 - alpha / 2), sps.norm.ppf(power)
    n = (za * math.sqrt(psi) + zb * math.sqrt(max(psi - difference ** 2, 0.0))) ** 2 / difference ** 2
    return max(2, math.ceil(n - 1e-9))


def wilcoxon_rows_needed(sd: float, difference: float, alpha: float = 0.05, power: float = 0.8) -> int | None:
    """Rows for the Wilcoxon signed-rank test to detect a mean per-row difference of
    ``difference`` when the differences have standard deviation ``sd``: the paired
    t-test's rows (statsmodels TTestPower) divided by Wilcoxon's efficiency 3/pi.
    With no spread, the fewest rows whose exact test can reject (2·0.5^n < alpha).
    None when more than a million rows would be needed."""
    if sd <= 0:
        return max(2, math.ceil(math.log2(2 / alpha)))
    effect = difference / sd
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            n = TTestPower().solve_power(effect_size=effect, nobs=None, alpha=alpha, power=power,
                                         alternative="two-sided")
        n = float(np.asarray(n).ravel()[0])
    except (ValueError, RuntimeError, ArithmeticError):
        return None
    if not math.isfinite(n) or n / WILCOXON_ARE > MAX_ROWS_NEEDED:
        return None
    return max(2, math.ceil(n / WILCOXON_ARE - 1e-9))


__all__ = ["MAX_ROWS_NEEDED", "WILCOXON_ARE", "mcnemar_rows_needed", "wilcoxon_rows_needed"]
