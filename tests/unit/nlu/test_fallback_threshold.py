"""One intent threshold: FallbackClassifier's in config.yml, which the red-flag detector reads."""

from __future__ import annotations

import yaml
from rasa.engine.recipes.recipe import Recipe

from bot.nlu.red_flag_detector import fallback_threshold
from bot.paths import ROOT


def test_the_detector_demotes_below_the_fallback_classifiers_own_threshold():
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    [classifier] = [c for c in config["pipeline"] if c["name"] == "FallbackClassifier"]
    [detector] = [c for c in config["pipeline"] if c["name"].endswith("RedFlagDetector")]
    schema = Recipe.recipe_for_name(config["recipe"]).graph_config_for_recipe(config, {}).predict_schema
    assert fallback_threshold(schema) == classifier["threshold"]
    assert "fallback_threshold" not in detector  # written once
