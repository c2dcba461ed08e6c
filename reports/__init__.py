"""Reports: the comparison grid, summaries and statistics, agreement, baseline, side by side, the exporters."""
