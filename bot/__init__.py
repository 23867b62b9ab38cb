"""Banter's core: sales logic that knows neither Slack nor SQL."""
