"""The clinic database: callback requests, answer ratings and staff flags (SQLAlchemy)."""
