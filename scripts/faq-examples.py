#!/usr/bin/env python3
"""Writes config/faq_examples.json: the questions of the FAQ's development
sets (tests/faq/*_questions.json, never the held-out set), each with the key
of the entry that answers it or null, as the classifier learns from them
(handlers/faq_classifier.hpp). Run from the project root after a
development set changes; the output is stable."""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
# In the order written (tests/faq/README.md); the held-out set is not here.
SETS = ["eval", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
        "ninth", "tenth", "eleventh", "twelfth", "thirteenth"]

examples, seen = [], set()
for name in SETS:
    for item in json.loads((ROOT / "tests/faq" / f"{name}_questions.json").read_text())["questions"]:
        key = (item["q"], item["expect"])
        if key in seen:
            continue
        seen.add(key)
        examples.append({"q": item["q"], "entry": item["expect"]})

out = ROOT / "config/faq_examples.json"
with out.open("w", encoding="utf-8") as f:
    f.write('{\n  "examples": [\n')
    f.write(",\n".join("    " + json.dumps(x, ensure_ascii=False) for x in examples))
    f.write("\n  ]\n}\n")
print(f"{out.relative_to(ROOT)}: {len(examples)} examples, "
      f"{sum(1 for x in examples if x['entry'] is None)} of them not the FAQ's")
