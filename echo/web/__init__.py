"""The web kit: what every view shares, below the domains.

- ``context``: the request as a view sees it (who, the database, the form), ``page()``,
  rendering, redirects after POST and the notices they carry;
- ``params``: typed parsing of path, query and form values, with bounds and the message
  a person sees next to the field (no view parses input by hand);
- ``routing``: path convertors (ids within the database's integers, slugs, codes) and
  ``path_for``, so no path is written out by hand;
- ``loaders``: fetch the object a URL names and check the permission in one call;
- ``responses``: downloads (CSV with one formula guard).
"""

from echo.web import routing as _routing  # registers the path convertors before any route

del _routing
