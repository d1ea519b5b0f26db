"""Offline gazetteer, geocoding and geoparsing.

from skylog.geo import geoparse, Geocoder
geoparse(text, language="en") -> list[Place]      # every toponym, resolved in context
gc = Geocoder.default()
gc.resolve(mentions, text, language)              # resolve spans found elsewhere
gc.candidates("Kaluga", "en")                     # scored candidates with reasons
gc.region("Курской", "ru")                        # first-level unit from a name or adjective
"""

from __future__ import annotations

from skylog.geo.gazetteer import Candidate, Entry, Gazetteer
from skylog.geo.geocoder import Geocoder
from skylog.geo.parse import geoparse

__all__ = ["Candidate", "Entry", "Gazetteer", "Geocoder", "geoparse"]
