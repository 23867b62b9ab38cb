"""View models to Block Kit. Pure: no queries, no posting; every piece of human text escaped via `text`."""
