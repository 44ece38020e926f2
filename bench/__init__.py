"""Vigil's benchmarks: one runnable module per area, each measuring its reference side by side."""
