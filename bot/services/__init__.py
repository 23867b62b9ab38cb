"""Banter's use cases. Each takes a unit of work and a clock; none talks to Slack or SQL directly."""
