"""Being called back by a doctor: the offer, the form's answers, the phone number, telling staff."""
