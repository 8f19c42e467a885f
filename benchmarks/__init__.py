"""Benchmarks: bench_tokens.py (tokens per second) and quality.py (the quality bars, pipeline vs plain prompt)."""
