"""End-to-end tests: the real server, driven through Chromium, every page audited with axe."""
