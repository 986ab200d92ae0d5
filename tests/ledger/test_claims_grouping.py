"""Claims across sources: stances, the grouping rules and the propositions query, on the fixture
ledger with word-overlap vectors (tests/ledger/embedders.py) standing in for the sentence model."""

from __future__ import annotations

import json
import threading

import pytest

from claimledger.cli import main
from claimledger.errors import ClaimLedgerError
from claimledger.ledger import Ledger, group_pending, ingest, propositions
from claimledger.ledger.grouping import (
    EMBED_BATCH,
    article_claims,
    compatible,
    is_anaphoric,
    pending,
    stance,
)
from tests.ledger.conftest import dump
from tests.ledger.embedders import WordEmbedder
from tests.ledger.recorded import ARTICLES


@pytest.fixture
def filled(filled):
    """The fixture's seven articles with their claims grouped (ingest leaves them pending)."""
    group_pending(filled)
    return filled


@pytest.mark.parametrize(
    ("cue", "certainty", "polarity", "expected"),
    [
        ("said", "certain", "affirmed", "states"),
        ("confirmed", "certain", "affirmed", "confirms"),
        ("officially confirms", "certain", "affirmed", "confirms"),
        ("acknowledged", "probable", "affirmed", "confirms"),
        ("denied", "certain", "denied", "denies"),
        ("rejected", "certain", "affirmed", "denies"),  # a denial cue the extractor left affirmed
        ("said", "certain", "denied", "denies"),  # 'said it had not ...'
        ("said", "possible", "affirmed", "hedges"),
        ("believe", "probable", "affirmed", "hedges"),
        (None, "certain", "affirmed", "states"),
    ],
)
def test_stance_from_cue_certainty_and_polarity(cue, certainty, polarity, expected):
    assert stance(cue, certainty, polarity) == expected


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("the allegations", True),
        ("the deployment", True),
        ("these reports", True),
        ("it", True),
        ("Pyongyang’s dispatch of troops to Russia", False),
        ("the claims that their joint ventures are depriving ethnic Baloch", False),
        ("the war", False),
    ],
)
def test_contents_that_only_point_back(content, expected):
    assert is_anaphoric(content) is expected


def features(subject=None, places=(), entities=(), dates=()):
    return {
        "subject": subject,
        "places": sorted(places),
        "entities": sorted({*entities, *places, *([subject] if subject else [])}),
        "dates": [list(d) for d in dates],
    }


def test_compatible_claims_share_subject_place_and_date():
    kursk = features("north-korea", ["kursk"], dates=[("2024-10-28", "2024-10-28")])
    assert compatible(kursk, features("north-korea", ["kursk"]))
    assert compatible(kursk, features("nato", entities=["north-korea"]))  # its subject is named there
    assert compatible(kursk, features(None))  # nothing to contradict


def test_a_conflicting_subject_place_or_date_keeps_claims_apart():
    kursk = features("north-korea", ["kursk"], dates=[("2024-10-28", "2024-10-28")])
    assert not compatible(kursk, features("china", ["kursk"]))
    assert not compatible(kursk, features("north-korea", ["donetsk"]))
    assert not compatible(kursk, features("north-korea", ["kursk"], dates=[("2024-11-05", "2024-11-05")]))


def groups_by_content(ledger: Ledger) -> dict[str, str]:
    return {
        row["content"]: row["proposition"]
        for row in ledger.rows(
            "SELECT t.content, m.proposition FROM proposition_members m "
            "JOIN attributions t ON t.id = m.attribution"
        )
    }


def test_a_denial_of_the_allegations_joins_the_claim_it_denies(filled):
    found = propositions(filled, contested=True)
    assert [group["claim"][:40] for group in found] == ["3,000 North Korean troops are being trai"]
    (group,) = found
    assert [(s["source"], s["stance"]) for s in group["statements"]] == [
        ("South Korea’s spy chief", "states"),
        ("Russia", "denies"),  # 'Moscow and Pyongyang initially denied the allegations'
    ]
    assert group["first_said"]["said_on"] == "2024-10-21"  # 'Last week', before the article's date
    assert group["first_said"]["source"] == "South Korea’s spy chief"
    assert group["deniers"] == ["Russia"]
    assert group["stances"] == {"states": 1, "confirms": 0, "hedges": 0, "denies": 1}


def test_wire_copies_and_nested_claims_are_not_independent_sources(filled):
    groups = groups_by_content(filled)
    afghan = "the handlers of Tuesday's attack are based in Afghanistan"
    (row,) = filled.rows("SELECT sources, members FROM propositions WHERE id = ?", (groups[afghan],))
    assert row == {"sources": 1, "members": 2}  # the wire copy repeats the one source
    rutte = "reports that North Korean military units were already in the Kursk region"
    nested = "North Korean military units were already in the Kursk region"
    assert groups[rutte] == groups[nested]
    independent = dict(
        filled.execute(
            "SELECT t.content, m.independent FROM proposition_members m "
            "JOIN attributions t ON t.id = m.attribution WHERE t.content IN (?, ?)",
            (rutte, nested),
        ).fetchall()
    )
    assert independent == {rutte: 1, nested: 0}


def test_a_denial_that_quotes_the_claim_it_denies_is_not_contested_by_it(filled):
    """'Pakistan denies the claims that ...': the claims are nobody's statement, so no conflict."""
    groups = groups_by_content(filled)
    baloch = next(content for content in groups if content.startswith("the claims that their joint ventures"))
    assert filled.value("SELECT contested FROM propositions WHERE id = ?", (groups[baloch],)) == 0


def test_claims_naming_no_entity_are_embedded_in_no_proposition(filled):
    unkeyed = filled.rows("SELECT attribution FROM attribution_vectors WHERE vector IS NULL")
    assert unkeyed
    marks = ", ".join("?" * len(unkeyed))
    members = filled.value(
        f"SELECT COUNT(*) FROM proposition_members WHERE attribution IN ({marks})",
        [row["attribution"] for row in unkeyed],
    )
    assert members == 0
    total = filled.value("SELECT COUNT(*) FROM attributions")
    assert filled.value("SELECT COUNT(*) FROM attribution_vectors") == total


def test_grouping_later_gives_the_rows_of_grouping_at_ingest(filled, tmp_path, recorded):
    """Grouping resumes after the last grouped attribution: storing first and grouping later (the
    default, and what a killed `ingest --group` leaves) gives the rows of grouping each article as
    it is stored."""
    with Ledger(tmp_path / "eager.db") as eager:
        ingest(eager, [str(ARTICLES)], extractor=recorded, group=True, embedder=WordEmbedder())
        assert pending(eager) == 0
        assert group_pending(eager, WordEmbedder()) == 0
        assert dump(eager) == dump(filled)


def test_ingest_leaves_claims_pending_and_propositions_groups_them_first(ledger, recorded, capsys):
    ingest(ledger, [str(ARTICLES)], extractor=recorded)
    assert pending(ledger) == ledger.value("SELECT COUNT(*) FROM attributions") > 0
    assert ledger.value("SELECT COUNT(*) FROM propositions") == 0
    assert main(["propositions", "--db", ledger.path, "--contested", "--format", "json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)
    assert group["claim"].startswith("3,000 North Korean troops")
    assert pending(ledger) == 0


def test_about_keeps_propositions_with_matching_statements(filled):
    assert [group["claim"][:8] for group in propositions(filled, about="allegations")] == ["3,000 No"]
    assert propositions(filled, about="Balochistan") == []
    single = propositions(filled, about="Balochistan", min_sources=1)
    assert single and all(group["sources"] >= 1 for group in single)


def test_propositions_command_prints_groups(filled, capsys):
    assert main(["propositions", "--db", filled.path, "--contested", "--format", "json"]) == 0
    (group,) = json.loads(capsys.readouterr().out)
    assert group["contested"] is True and len(group["statements"]) == 2
    assert main(["propositions", "--db", filled.path, "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("first_said,first_source,id,claim,sources,members,contested,said_by")
    assert "South Korea’s spy chief (states); Russia (denies)" in "\n".join(lines)
    assert len(lines) == 3


class CountingEmbedder(WordEmbedder):
    def __init__(self) -> None:
        self.texts: list[str] = []
        self.calls: list[int] = []  # texts per call

    def embed(self, texts):
        self.texts += texts
        self.calls.append(len(texts))
        return super().embed(texts)


def test_claims_are_embedded_in_full_batches_across_articles(ledger, recorded):
    ingest(ledger, [str(ARTICLES)], extractor=recorded)
    counting = CountingEmbedder()
    group_pending(ledger, counting)
    articles = ledger.value("SELECT COUNT(DISTINCT article) FROM attributions")
    assert len(counting.calls) < articles
    assert all(size >= EMBED_BATCH for size in counting.calls[:-1])
    assert sum(counting.calls) == len(set(counting.texts))


def test_a_wire_copy_reuses_the_vectors_of_its_original(ledger, recorded):
    counting = CountingEmbedder()
    ingest(ledger, [str(ARTICLES)], extractor=recorded, group=True, embedder=counting)
    assert counting.texts.count("the handlers of Tuesday's attack are based in Afghanistan") == 1
    assert len(counting.texts) == len(set(counting.texts))
    vectors = ledger.value(
        "SELECT COUNT(DISTINCT v.vector) FROM attribution_vectors v "
        "JOIN attributions t ON t.id = v.attribution "
        "WHERE t.content = 'the handlers of Tuesday''s attack are based in Afghanistan'"
    )
    assert vectors == 1


def test_an_unattributed_claim_is_not_an_independent_source(filled):
    rows = filled.rows(
        "SELECT m.independent FROM proposition_members m JOIN attributions t ON t.id = m.attribution "
        "WHERE t.source IS NULL AND t.source_entity IS NULL AND t.parent IS NULL"
    )
    assert rows and {row["independent"] for row in rows} == {0}  # 'purportedly showing dozens of ...'


def test_the_same_words_credited_twice_in_an_article_are_one_statement(filled):
    """'"I see no signs ...," Pollack said' read once as unattributed and once as Pollack's, or a
    quote credited to two sources: the words count once, for the first source named."""
    row = filled.rows(
        "SELECT rowid AS seq, id, article, content, content_start, content_end, cue, certainty, polarity, "
        "parent, NULL AS duplicate_of, 0 AS unattributed, 0 AS via FROM attributions "
        "WHERE content = 'Pyongyang’s dispatch of troops to Russia'"
    )[0]
    unattributed = {**row, "id": "x0", "unattributed": 1}
    again = {**row, "id": "x2", "seq": row["seq"] + 1}
    claims = article_claims(filled, [unattributed, row, again])
    assert [claim.independent for claim in claims] == [False, True, False]


class ThreadNoting(WordEmbedder):
    def __init__(self) -> None:
        self.threads: set[str] = set()

    def embed(self, texts):
        self.threads.add(threading.current_thread().name)
        return super().embed(texts)


def test_claims_are_embedded_in_a_thread_beside_extraction_with_the_same_result(filled, tmp_path, recorded):
    noting = ThreadNoting()
    with Ledger(tmp_path / "threaded.db") as threaded:
        ingest(threaded, [str(ARTICLES)], extractor=recorded, group=True, embedder=noting)
        assert {name.split("_")[0] for name in noting.threads} == {"claimledger-embed"}
        assert dump(threaded) == dump(filled)


def test_an_embedding_error_writes_nothing_more_and_the_next_run_catches_up(ledger, recorded):
    class Failing(WordEmbedder):
        def embed(self, texts):
            raise RuntimeError("model broke")

    with pytest.raises(RuntimeError, match="model broke"):
        ingest(ledger, [str(ARTICLES)], extractor=recorded, group=True, embedder=Failing())
    assert ledger.value("SELECT COUNT(*) FROM attribution_vectors") == 0
    assert ledger.value("SELECT COUNT(*) FROM articles") > 0
    assert group_pending(ledger, WordEmbedder()) > 0
    assert ledger.value("SELECT COUNT(*) FROM attribution_vectors") == ledger.value(
        "SELECT COUNT(*) FROM attributions"
    )


class OtherModel(WordEmbedder):
    name = "another sentence model"


def test_a_ledger_grouped_by_one_model_refuses_another(filled):
    with pytest.raises(ClaimLedgerError, match="grouped with the sentence model 'test words'"):
        group_pending(filled, OtherModel())
    assert pending(filled) == 0  # nothing was written
