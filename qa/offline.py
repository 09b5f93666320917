"""Keep every library off the network: set before any of them is imported."""

from __future__ import annotations

import os

# Hubs are unreachable on our users' machines: with these set, a model asked for by hub name fails
# at once with a clear error instead of hanging on retries, and no library phones home.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TOKENIZERS_PARALLELISM": "false",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "ORT_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
}


def enforce_offline() -> None:
    """Force the offline settings into this process's environment."""
    os.environ.update(OFFLINE_ENV)
