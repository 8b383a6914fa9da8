"""Passwords, tokens (the only module that imports jose), CSRF, headers and permissions."""
