"""Patient safety before any answer: red-flag detection, its word list, emergency numbers and message."""
