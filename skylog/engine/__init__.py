"""Distributed batch engine: parse and extract on a Dask cluster, write batches to the store."""

from skylog.engine.core import EngineStats, make_client, run_distributed

__all__ = ["EngineStats", "make_client", "run_distributed"]
