"""`python -m echo` is the same as the `echo-lms` command."""

from echo.cli import main

raise SystemExit(main())
