"""Channel bindings: which Teams channel belongs to which group (the office binds them)."""
