"""claimledger's spaCy components; importing this module registers their factories."""

from claimledger.components import attributions, certainty, entities, figures, lines, roles, times  # noqa: F401
