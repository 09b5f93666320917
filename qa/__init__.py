"""Handicraft QA: grounded, cited answers over dated historical articles."""

from qa.offline import enforce_offline

# Before any submodule imports huggingface_hub, chromadb or gradio, which read these at import.
enforce_offline()

__version__ = "0.1.0"
