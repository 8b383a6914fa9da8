"""Attendance: read video-platform attendance exports and turn them into seconds present."""
