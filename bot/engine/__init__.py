"""Asking the trained model: the shared core, the local engine, its processes and what a reply is."""
