"""A terminal view of one article record, drawn with rich from the record alone.

It reads the same dict the JSON output prints, so what a person sees cannot drift from the data.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

NONE = "—"


def view(record: dict) -> Group:
    """The article's heading, then its attributions, figures, times and entities, each as a table."""
    names = {e["id"]: e["name"] for e in record["entities"]}
    attributions = record["attributions"]
    return Group(
        heading(record["article"]),
        section("Attributions", attributions, lambda rows: attributions_table(rows, names)),
        section("Figures", record["figures"], lambda rows: figures_table(rows, attributions, names)),
        section("Times", record["times"], times_table),
        section("Entities", record["entities"], entities_table),
    )


def heading(article: dict) -> RenderableType:
    facts = [article.get(key) for key in ("published", "outlet", "url")]
    title = article.get("title") or f"article {article['id']}"
    return Group(
        Rule(Text(title, style="bold")),
        Text(" · ".join(fact for fact in facts if fact), style="dim"),
    )


def section(name: str, rows: list[dict], make_table) -> RenderableType:
    if not rows:
        return Text(f"No {name.lower()} found.", style="dim italic")
    return make_table(rows)


def new_table(title: str, *columns: str) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", show_lines=True, expand=True)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def add_row(table: Table, *cells: str) -> None:
    """Cells as plain text: article words like "[for Ukrainians]" are not rich markup."""
    table.add_row(*(Text(cell) for cell in cells))


def attributions_table(attributions: list[dict], names: dict[str, str]) -> Table:
    table = new_table("Attributions", "id", "source →", "cue →", "content", "kind", "certainty", "stance")
    table.columns[0].no_wrap = True
    for a in attributions:
        add_row(
            table,
            a["id"] if not a.get("parent") else f"{a['id']}\n(in {a['parent']})",
            source_text(a, names),
            span_text(a.get("cue")),
            span_text(a.get("content")),
            a["kind"],
            a["certainty"],
            f"{a['stance']}, {a['polarity']}",
        )
    return table


def figures_table(figures: list[dict], attributions: list[dict], names: dict[str, str]) -> Table:
    claims = {a["id"]: a for a in attributions}
    table = new_table("Figures", "text", "value", "low", "high", "approx", "unit", "claimed by")
    for column in table.columns[1:4]:
        column.justify = "right"
    for f in figures:
        claim = claims.get(f.get("attribution"))
        add_row(
            table,
            f["text"],
            number(f.get("value")),
            number(f.get("low")),
            number(f.get("high")),
            "yes" if f.get("approximate") else "",
            f.get("unit") or "",
            source_text(claim, names) if claim else "",
        )
    return table


def times_table(times: list[dict]) -> Table:
    table = new_table("Times", "text", "type", "value")
    for t in times:
        add_row(table, t["text"], t["type"], t["value"])
    return table


def entities_table(entities: list[dict]) -> Table:
    table = new_table("Entities", "id", "name", "type", "mentions")
    table.columns[3].justify = "right"
    for e in entities:
        add_row(table, e["id"], e["name"], e["type"], str(len(e.get("mentions") or [])))
    return table


def source_text(attribution: dict, names: dict[str, str]) -> str:
    """The source as written, and the entity it stands for if that differs: "he (Vladimir Putin)"."""
    source = attribution.get("source") or {}
    text, name = source.get("text"), names.get(source.get("entity"))
    if text and name and name != text:
        return f"{text} ({name})"
    return text or name or NONE


def span_text(span: dict | None) -> str:
    return span["text"] if span else NONE


def number(value: float | None) -> str:
    """Thousands separated, without a trailing .0, so 10000.0 reads 10,000."""
    return "" if value is None else f"{value:,.12g}"
