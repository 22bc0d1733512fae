"""skops before Rasa: the first import of skops.io scans every module already loaded, once for
each NumPy and SciPy ufunc (skops/io/_trusted_types.py). With Rasa and TensorFlow loaded that
takes 8-9 s at every start of the assistant; imported first, 2 s (docs/performance.md)."""

import importlib


def import_skops_before_rasa() -> None:
    importlib.import_module("skops.io")
