"""Patient safety checks that run before any answer (emergency red flags)."""
