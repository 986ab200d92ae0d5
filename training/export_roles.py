"""Copy a trained role tagger's own weights into the package (claimledger/models/roles/).

usage: python training/export_roles.py MODEL_DIR [--into claimledger/models/roles]

MODEL_DIR is what `spacy train` wrote (e.g. /tmp/rt/roles/model-best). Only the component ships:
its labels (`cfg`), weights (`model`) and model settings (`model.cfg`, the architecture and its
sizes). The copy of en_core_web_sm's tok2vec in MODEL_DIR stays behind: at run time the component
listens to the installed pipeline's own.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from thinc.api import Config

COMPONENT = "claimledger_roles"
PACKAGE_DIR = Path(__file__).resolve().parents[1] / "claimledger" / "models" / "roles"


def export(model_dir: Path, into: Path) -> None:
    trained = Config().from_disk(model_dir / "config.cfg", interpolate=False)
    model = Config({"model": trained["components"][COMPONENT]["model"]})
    into.mkdir(parents=True, exist_ok=True)
    for name in ("cfg", "model"):
        shutil.copyfile(model_dir / COMPONENT / name, into / name)
    model.to_disk(into / "model.cfg")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=Path)
    parser.add_argument("--into", type=Path, default=PACKAGE_DIR)
    args = parser.parse_args()
    export(args.model_dir, args.into)
