"""The staff console: try questions, flag wrong answers, check batches, follow callbacks."""
