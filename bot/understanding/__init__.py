"""How the assistant reads a patient's message: topic, answer, further questions, neighbours."""
