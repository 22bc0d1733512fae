"""spaCy per message as Rasa loads it (parser off, named entities on) and as the assistant runs
it (bot/text/french_spacy.py: parser and named entities off): time and same readings.

Usage: .venv/bin/python -m benchmarks.spacy_components [--repeat N]
Prints the medians over the dev-set questions, one at a time as messages arrive, their ratio,
and whether tokens, lemmas, parts of speech and morphology are the same.
"""

from __future__ import annotations

import argparse
from typing import List, Sequence, Tuple

import spacy
from spacy.language import Language

from benchmarks.dev_set import read_dev_set
from benchmarks.timing import median_call_ms
from bot.text.french_spacy import SPACY_MODEL, french_pipeline

Reading = List[Tuple[str, str, str, str]]


def readings(nlp: Language, texts: Sequence[str]) -> List[Reading]:
    return [[(t.text, t.lemma_, t.pos_, str(t.morph)) for t in nlp(text)] for text in texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the dev questions")
    args = parser.parse_args()
    texts = [question.text for question in read_dev_set()]
    as_rasa_loads = spacy.load(SPACY_MODEL, disable=["parser"])  # rasa.nlu.utils.spacy_utils
    assistant = french_pipeline()
    rasa_ms = median_call_ms(as_rasa_loads, texts, args.repeat)
    assistant_ms = median_call_ms(assistant, texts, args.repeat)
    print("| spaCy | composants | médiane (ms) |")
    print("|---|---|---:|")
    print(f"| chargé par Rasa | {', '.join(as_rasa_loads.pipe_names)} | {rasa_ms:.2f} |")
    print(f"| l'assistant | {', '.join(assistant.pipe_names)} | {assistant_ms:.2f} |")
    print(f"Rapport : {rasa_ms / assistant_ms:.1f}× ; mêmes mots, lemmes, natures et morphologie : "
          f"{readings(as_rasa_loads, texts) == readings(assistant, texts)}")


if __name__ == "__main__":
    main()
