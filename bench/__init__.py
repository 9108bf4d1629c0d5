"""Benchmarks run against a loaded database (see bench/README.md)."""
