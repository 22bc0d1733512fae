"""Personal data: what the assistant keeps, for how long, and how it is erased."""
