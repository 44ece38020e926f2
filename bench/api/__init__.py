"""Benchmarks of the API and the demo."""
