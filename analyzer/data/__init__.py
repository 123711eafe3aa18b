"""Package data: boilerplate patterns and abbreviations (loaded with importlib.resources)."""
