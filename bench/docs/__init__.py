"""Benchmark of document scanning (issue 8)."""
