"""Experiments: the file format, planning and ordering cells, the runner, assertions."""
