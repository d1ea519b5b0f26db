"""The airfield table (``skylog/geo/data/airfields.tsv``) built from OurAirports (public domain)."""
