"""Echo: case-based tele-education (ECHO model) for pediatric mental health."""

__version__ = "0.1.0"
