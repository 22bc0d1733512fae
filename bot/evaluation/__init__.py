"""Measures how well the assistant understands labelled patient questions."""
