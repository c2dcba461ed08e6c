"""The headless command-line front end (a peer of desktop/)."""
