"""Users, hub memberships and roles, login sessions."""
