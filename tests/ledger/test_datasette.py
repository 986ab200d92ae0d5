"""The ledger opens in Datasette with readable foreign keys: every table a foreign key points at
has a column Datasette labels its rows by. Datasette is not a dependency, so its rule is restated
here (datasette/database.py, label_column_for_table, with no metadata given): a column named
`name` or `title` in any case, else the other column of a two-column table with an `id` or `pk`.
(Datasette 1.0 alphas first try a table's only single-column unique text column, which for a table
with a text primary key is that key: there, `--metadata` with `label_column` names the column.)"""

from __future__ import annotations

from claimledger.ledger import Ledger
from claimledger.ledger import store as store_module
from claimledger.ledger.schema import MIGRATIONS
from claimledger.ledger.write import write_record
from tests.ledger.recorded import RecordedExtractor


def label_column(ledger: Ledger, table: str) -> str | None:
    columns = [row["name"] for row in ledger.rows(f"PRAGMA table_info({table})")]
    named = [column for column in columns if column.lower() in ("name", "title")]
    if named:
        return named[0]
    if len(columns) == 2 and ({"id", "pk"} & set(columns)) and set(columns) != {"id", "pk"}:
        return next(column for column in columns if column not in ("id", "pk"))
    return None


def pointed_at(ledger: Ledger) -> dict[str, set[str]]:
    """Each table a foreign key points at, with the tables pointing at it."""
    tables = [row["name"] for row in ledger.rows("SELECT name FROM sqlite_master WHERE type = 'table'")]
    targets: dict[str, set[str]] = {}
    for table in tables:
        for key in ledger.rows(f"PRAGMA foreign_key_list({table})"):
            targets.setdefault(key["table"], set()).add(table)
    return targets


def test_every_table_pointed_at_has_a_label_column(filled):
    targets = pointed_at(filled)
    assert {"articles", "entities", "attributions", "times", "questions", "propositions"} <= set(targets)
    labels = {table: label_column(filled, table) for table in targets}
    assert None not in labels.values(), labels
    assert labels["attributions"] == "title" and labels["times"] == "title"


def test_labels_are_filled_for_every_row(filled):
    for table in pointed_at(filled):
        column = label_column(filled, table)
        assert filled.value(f'SELECT COUNT(*) FROM {table} WHERE "{column}" IS NULL') == 0, table
    title = filled.value(
        "SELECT title FROM attributions WHERE content LIKE 'Pyongyang’s dispatch of troops to Russia%'"
    )
    assert title == "NATO: Pyongyang’s dispatch of troops to Russia"
    long = filled.value("SELECT title FROM attributions WHERE length(content) > 80 LIMIT 1")
    assert long.endswith("…") and len(long.partition(": ")[2]) == 80


def test_a_ledger_made_before_the_labels_gets_them_when_opened(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    before = [migration for migration in MIGRATIONS if migration[0] < "0003"]
    monkeypatch.setattr(store_module, "MIGRATIONS", before)
    with Ledger(path) as old:
        for record in list(RecordedExtractor().records.values())[:2]:
            write_record(old, record, location=None, store_text=True)
        assert "title" not in {row["name"] for row in old.rows("PRAGMA table_info(attributions)")}
    monkeypatch.setattr(store_module, "MIGRATIONS", MIGRATIONS)
    with Ledger(path) as upgraded:
        assert upgraded.value("SELECT COUNT(*) FROM attributions") > 0
        assert upgraded.value("SELECT COUNT(*) FROM attributions WHERE title IS NULL") == 0
        assert upgraded.value("SELECT COUNT(*) FROM times WHERE title IS NULL") == 0
