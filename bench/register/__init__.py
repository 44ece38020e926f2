"""Benchmark of the designations register's ingest."""
