"""PLACEHOLDER until the times stage is written: registers the factory and finds nothing."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("claimledger_times", assigns=["doc._.cl_times"])
def make_times(nlp: Language, name: str):
    def run(doc: Doc) -> Doc:
        doc._.cl_times = []
        return doc

    return run
