"""What a serving process keeps for its lifetime leaves the cyclic garbage collector's view.

A full (oldest-generation) collection walks every tracked object with the GIL held: every
request thread stops until it ends. A serving process holds about 150,000 objects for as
long as it runs (modules, routes, SQLAlchemy's metadata, catalogs, detectors). Walking them
took 40 ms in ``mixlate serve`` and up to 210 ms in the benchmark's process, and those pauses
were the tail of the overload benchmark's refusals. ``gc.freeze()`` moves every object alive
now into a permanent generation that collections skip; objects made later are collected as
before. Garbage frozen with them would never be collected, so the freeze follows a
collection, once, when the app is built and before it serves.
"""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    """Collect, then keep everything alive now out of every later collection."""
    gc.collect()
    gc.freeze()
