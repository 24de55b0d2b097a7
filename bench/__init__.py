"""Benchmark of the indicator engine at national scale, with a DuckDB reference implementation.

Run everything with ``bench/run.sh`` (see bench/README.md); results go to bench/RESULTS.md.
"""
