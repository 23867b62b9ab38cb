"""Command-line commands beyond serving: import, worker."""
