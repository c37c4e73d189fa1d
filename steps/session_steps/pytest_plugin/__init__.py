"""The plugin's pytest side: options, fixtures, checks before the run and the one-line fault reports."""
