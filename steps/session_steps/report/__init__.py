"""The living-documentation report: each scenario's steps and what the browser and server did."""
