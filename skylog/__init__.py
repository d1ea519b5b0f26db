"""skylog: a sourced, geocoded log of aerial attacks built from published reports."""

__version__ = "0.1.0"
