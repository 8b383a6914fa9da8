"""Outgoing email: a transactional outbox, its delivery worker and the failures page."""
