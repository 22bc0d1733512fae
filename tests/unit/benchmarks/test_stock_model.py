"""The stock yardstick: Rasa's own default config, and its timing-only variant."""

from __future__ import annotations

import yaml

from benchmarks.stock_model import stock_config, training_inputs_hash


def epochs_of(config: str) -> list:
    parsed = yaml.safe_load(config)
    return [part["epochs"] for part in parsed["pipeline"] + parsed["policies"] if "epochs" in part]


def test_stock_rasa_is_the_default_config_in_french() -> None:
    config = stock_config()
    assert yaml.safe_load(config)["language"] == "fr"
    assert epochs_of(config) == [100, 100, 100, 100]


def test_a_timing_only_model_keeps_every_network_and_only_trains_it_less() -> None:
    def networks(config: str) -> list:
        parsed = yaml.safe_load(config)
        return [{k: v for k, v in part.items() if k != "epochs"} for part in parsed["pipeline"] + parsed["policies"]]

    assert epochs_of(stock_config(epochs=2)) == [2, 2, 2, 2]
    assert networks(stock_config(epochs=2)) == networks(stock_config())
    assert training_inputs_hash(stock_config()) != training_inputs_hash(stock_config(epochs=2))
