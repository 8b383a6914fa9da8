"""Outcomes: surveys, their analysis, program dashboards and funder reports (issue 15)."""
