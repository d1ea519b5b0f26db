"""Build-time tools of the skylog repository: they make the data the package ships.

Nothing here is installed with skylog or imported at run time (#14: build vs run);
their dependencies are the ``build`` extra (``pip install 'skylog[build]'``).
"""
