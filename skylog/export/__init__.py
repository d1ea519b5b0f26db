"""Exports of the incident log: ACLED-style CSV, GeoJSON, JSON Lines, Parquet (streamed)."""

from skylog.export.rows import ACLED_COLUMNS, CSV_COLUMNS, flat_row
from skylog.export.writers import FORMATS, export_incidents

__all__ = ["ACLED_COLUMNS", "CSV_COLUMNS", "FORMATS", "export_incidents", "flat_row"]
