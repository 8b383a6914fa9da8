"""Hubs, programs and enrollments."""
