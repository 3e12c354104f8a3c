"""A static site generator for scholarly critical editions.

Data flows one way: files in ``content/`` → validated, frozen model objects
(:mod:`edition.model`) → rendered pages (:mod:`edition.render`) → an atomic
swap into ``output/`` (:mod:`edition.write`).
"""

__version__ = "0.1.0"
