"""The topics an answer can belong to, as the knowledge issue and the held-out set name them."""

FAQ_TOPICS = (
    "what_is",
    "painful",
    "pain_treatment",
    "cost",
    "reimbursement",
    "side_effects",
    "contraindications",
    "session",
    "aesthetic",
    "hair",
    "practitioner",
    "efficacy",
)

ESCALATION_TOPICS = ("escalation_urgent", "escalation_doctor")

# What a labelled question may expect.
EVALUATION_LABELS = frozenset(FAQ_TOPICS + ESCALATION_TOPICS + ("out_of_scope", "smalltalk"))

# What a reply may be about besides the labels: a question back, or not understood.
REPLY_ONLY_TOPICS = ("clarify", "fallback")
