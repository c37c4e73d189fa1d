"""The cells a run can cover: session engines behind server protocols, and what a machine has to run them."""
