"""Try Banter without a workspace: a local Slack stand-in and the terminal sandbox built on it."""
