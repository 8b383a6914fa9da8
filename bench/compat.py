"""``httpx`` for the harness, under the name its modules import.

The project's ``dev`` extra installs the ``httpx2`` fork (same API, module ``httpx2``)
instead of ``httpx``. Where only the fork is installed it is also registered as
``httpx``, so that modules doing ``import httpx`` (``bench.feed``) keep working; import
this module before them.
"""

from __future__ import annotations

import sys

try:
    import httpx
except ModuleNotFoundError:
    import httpx2 as httpx

    sys.modules.setdefault("httpx", httpx)

__all__ = ["httpx"]
