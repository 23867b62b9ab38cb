"""Banter's benchmark: reply latency, throughput, discovery, digest and footprint, side by side with the floor."""
