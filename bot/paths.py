"""Where the project keeps its files, so that every command works from any directory."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
SOURCES_DIR = DATA_DIR / "sources"
MODELS_DIR = ROOT / "models"
# Runtime state (databases, logs): ignored by git, created on demand.
VAR_DIR = ROOT / "var"
# The pages and files the web channels serve (chat widget, staff console).
WEB_DIR = ROOT / "bot" / "web"
CLINIC_FILE = ROOT / "clinic.yml"
