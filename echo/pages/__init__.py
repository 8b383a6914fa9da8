"""Pages that compose several domains (the layer above the domains, below app.py)."""
