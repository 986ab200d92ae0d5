"""PLACEHOLDER"""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("claimledger_attributions", assigns=["doc._.cl_attributions"])
def make_attributions(nlp: Language, name: str):
    def run(doc: Doc) -> Doc:
        if doc._.cl_attributions is None:
            doc._.cl_attributions = []
        return doc

    return run
