"""The Slack edge: Bolt listeners, payload parsing, Block Kit rendering, posting."""
