"""iCalendar feeds and invitations."""

from echo.calendar.ics import CalendarEvent, CalendarFeed, render_feed

__all__ = ["CalendarEvent", "CalendarFeed", "render_feed"]
