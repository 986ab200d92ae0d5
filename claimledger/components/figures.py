"""PLACEHOLDER until the figures stage is written: registers the factory and finds nothing."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("claimledger_figures", assigns=["doc._.cl_figures"])
def make_figures(nlp: Language, name: str):
    def run(doc: Doc) -> Doc:
        doc._.cl_figures = []
        return doc

    return run
