"""The demo market: content of five real villages, its loader and drawn photos.

The top layer: it may import every app and nothing imports it (only
``manage.py load_demo``, the tests and the benchmarks use it).
"""
