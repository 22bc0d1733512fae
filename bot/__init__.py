"""The mesotherapy patient assistant: everything around Rasa (CLI, settings, storage, web)."""
