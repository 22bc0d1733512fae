"""What the assistant knows: topics and intents, the five sources, the FAQ answers, when to answer."""
