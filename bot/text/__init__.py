"""What a patient typed, made safe and comparable: folding, the input guard, the message Rasa gets."""
