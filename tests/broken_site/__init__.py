"""The site under test with every view broken on purpose, to prove the spec can fail."""
