#!/usr/bin/env python3
"""Extract the LLM-written answers of JHARS into plain-text documents for linting.

JHARS (Japanese Hallucination Assessment in RAG Settings, cl-tohoku/JHARS, Apache-2.0)
holds 150 questions, each answered by three LLMs (gpt-4o, gpt-4o-mini,
Llama-3.1-Swallow-8B-Instruct-v0.1) from a given reference text, with sentence-level
hallucination annotations in two settings (strict, relaxed).

Usage (offline once the repository is on disk):

    python3 eval/jhars/extract.py --git-dir /path/to/JHARS.git [--commit 3cdbed35...]
    python3 eval/jhars/extract.py --src /path/to/JHARS-checkout

Writes, next to this script:

    docs/NNNN.txt   the answer text exactly as in the data (no trailing newline added);
                    NNNN = 0000..0449, ordered by question id, then by the model order above
    labels.jsonl    one line per document (same order): id, file, question_id, model,
                    question, n_chars, sentences[{start, end, strict, relaxed, agreement,
                    hallucination_text}] with [start, end) character offsets into the text

The reference texts are not extracted (they are the retrieval sources, not LLM text).
Deterministic: the same input commit gives byte-identical output.
"""
import argparse
import json
import os
import subprocess
import sys

MODELS = ["gpt-4o", "gpt-4o-mini", "Llama-3.1-Swallow-8B-Instruct-v0.1"]
FILES = {
    "strict": "data/sentence_annotation/annotated_data_strict.jsonl",
    "relaxed": "data/sentence_annotation/annotated_data_relaxed.jsonl",
}
HERE = os.path.dirname(os.path.abspath(__file__))


def read(args, path):
    if args.src:
        with open(os.path.join(args.src, path), encoding="utf-8") as f:
            return f.read()
    return subprocess.run(
        ["git", "--git-dir", args.git_dir, "show", f"{args.commit}:{path}"],
        check=True, capture_output=True,
    ).stdout.decode("utf-8")


def load(args, key):
    rows = [json.loads(l) for l in read(args, FILES[key]).splitlines() if l.strip()]
    return {r["id"]: r for r in rows}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--git-dir", help="bare git directory of cl-tohoku/JHARS")
    g.add_argument("--src", help="a checkout (work tree) of cl-tohoku/JHARS")
    ap.add_argument("--commit", default="HEAD")
    ap.add_argument("--out", default=HERE)
    args = ap.parse_args()

    strict, relaxed = load(args, "strict"), load(args, "relaxed")
    assert strict.keys() == relaxed.keys()
    docs_dir = os.path.join(args.out, "docs")
    os.makedirs(docs_dir, exist_ok=True)
    labels = []
    n = 0
    for qid in sorted(strict):
        rs, rr = strict[qid], relaxed[qid]
        for model in MODELS:
            text = rs[model]["response"]
            assert text == rr[model]["response"]
            ss = rs[model]["annotations"]["aggregated"]["sentence_annotations"]
            sr = rr[model]["annotations"]["aggregated"]["sentence_annotations"]
            assert len(ss) == len(sr)
            sents, pos = [], 0
            for a, b in zip(ss, sr):
                assert a["sentence"] == b["sentence"]
                start = text.find(a["sentence"], pos)
                if start < 0:
                    sys.exit(f"sentence not found in q{qid} {model}: {a['sentence'][:40]!r}")
                end = start + len(a["sentence"])
                pos = end
                hall = sorted({t for t in (a["hallucination_text"] or []) if t})
                sents.append({
                    "start": start, "end": end,
                    "strict": a["hallucination_type"], "relaxed": b["hallucination_type"],
                    "agreement": a["agreement_status"], "hallucination_text": hall,
                })
            doc_id = f"{n:04d}"
            with open(os.path.join(docs_dir, doc_id + ".txt"), "w", encoding="utf-8", newline="") as f:
                f.write(text)
            labels.append({
                "id": doc_id, "file": f"docs/{doc_id}.txt", "question_id": qid, "model": model,
                "question": rs["question"], "n_chars": len(text),
                "valid_answer": rs[model]["annotations"]["aggregated"]["is_valid_answer"],
                "sentences": sents,
            })
            n += 1
    with open(os.path.join(args.out, "labels.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for l in labels:
            f.write(json.dumps(l, ensure_ascii=False, sort_keys=False) + "\n")
    print(f"{n} documents, {sum(l['n_chars'] for l in labels)} characters", file=sys.stderr)


if __name__ == "__main__":
    main()
