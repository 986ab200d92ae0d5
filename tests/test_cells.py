"""Cells for tables and CSV files: pure, no model needed."""

import io

import pytest

from claimledger.cells import cell, csv_cell, write_csv


def test_a_cell_shows_text_as_it_is_nested_values_as_json_and_none_as_nothing():
    assert cell("Pyongyang") == "Pyongyang"
    assert cell(["e1", "e2"]) == '["e1", "e2"]'
    assert cell(None) == ""
    assert cell(-5) == "-5"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1 555", "-2 dead", "@SUM(A1)", "\tTab"])
def test_text_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe_in_csv(text):
    assert csv_cell(text) == "'" + text


def test_csv_keeps_numbers_and_plain_text_as_they_are():
    assert csv_cell(-5) == "-5"
    assert csv_cell(-2.5) == "-2.5"
    assert csv_cell("North Korea") == "North Korea"
    assert csv_cell(None) == ""


def test_csv_rows_share_a_header_of_every_key_and_their_cells_are_csv_cells():
    out = io.StringIO()
    write_csv([{"content": "=1+1", "via": ["e1"]}, {"content": "ok", "figure": -5}], out)
    assert out.getvalue().splitlines() == ["content,via,figure", '\'=1+1,"[""e1""]",', "ok,,-5"]
