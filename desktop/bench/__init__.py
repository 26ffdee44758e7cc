"""Benchmarks: ``python -m desktop.bench`` measures the hot paths against their targets."""
