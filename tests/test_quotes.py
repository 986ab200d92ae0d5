"""Finding quotations in raw text: pure, no model needed."""

from claimledger.quotes import find_quotes


def quotes(text):
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_curly_and_straight_quotes():
    assert quotes('He said “yes” and she said "no way" today.') == ["“yes”", '"no way"']


def test_apostrophe_in_curly_single_mark_is_not_a_quote():
    assert quotes("could join Moscow‘s fight in Ukraine") == []


def test_a_decade_s_apostrophe_opens_no_quote():
    assert quotes("In the '50s, segregation was legal. In the ’70s Houston grew, he said 'no'.") == ["'no'"]


def test_single_quotes_around_a_phrase():
    assert quotes("the so-called ‘special operation’ went on") == ["‘special operation’"]


def test_nested_quote_stays_inside_the_outer_one():
    assert quotes("“He told me ‘never’ twice,” she said.") == ["“He told me ‘never’ twice,”"]


def test_a_space_between_nested_marks_does_not_end_the_outer_quote():
    text = "\"I was insulted by the term 'outreach,' \" he told us. \" 'Fake news' is a slur,\" he said."
    assert quotes(text) == ["\"I was insulted by the term 'outreach,' \"", "\" 'Fake news' is a slur,\""]
    assert quotes('A "quote" and " not one') == ['"quote"']


def test_quote_reopened_in_the_next_paragraph_is_one_quotation():
    text = "“First paragraph.\n“Second paragraph,” he said."
    assert quotes(text) == ["“First paragraph.\n“Second paragraph,”"]


def test_unbalanced_marks_are_skipped():
    assert quotes("an opening “ mark that never closes.\nNext paragraph.") == []
    assert quotes("a closing ” mark alone") == []


def test_guillemets():
    assert quotes("il a dit «non» hier") == ["«non»"]


def test_quotations_say_which_positions_are_quoted():
    from claimledger.quotes import Quotations

    text = "He said “yes” and then ‘no way’ again."
    quotes = Quotations(text)
    assert [text[q.start : q.end] for q in quotes] == ["“yes”", "‘no way’"]
    inside = {i for i in range(len(text)) if quotes.holds(i)}
    # after the opening mark, up to and with the closing one
    assert inside == {i for q in quotes for i in range(q.start + 1, q.end)}
    assert not quotes.holds(text.index("said")) and not quotes.holds(text.index("again"))


def test_two_apostrophes_stand_for_a_double_mark_and_reopen_a_paragraph():
    text = "He said, ''There's a lot to do,'' and ''We are ready.\n\n''Really ready,'' she said. 'Tis."
    assert quotes(text) == ["''There's a lot to do,''", "''We are ready.\n\n''Really ready,''"]
