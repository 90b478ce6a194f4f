#!/usr/bin/env bash
# Benchmark of the Spark audit against `clave evaluate` in one JVM, on the same rows, with a warm concept cache.
#   clave-spark/bench/audit-bench.sh [cores...]        (default: 1 2 and all cores)
# Rows are drawn (with repetition) from the distinct answers of the sample suites, so after the first pass every
# concept and its embedding is cached: this measures the pipeline with a warm cache, not the encoder.
# SIZES overrides the wall-time sizes (default: 10000 100000 1000000).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/target/bench-audit"
mkdir -p "$work"
cd "$root"
cores_all="$(nproc)"
cores=("${@:-1 2 $cores_all}")
sizes=(${SIZES:-10000 100000 1000000})

./clave calibrate --value-system schwartz --data sample-suites/src/test/resources/calibration/support-bot.jsonl \
  --out "$work/evaluator" --cache "$work/cache" --quiet >/dev/null

python3 - "$work" "${sizes[@]}" <<'PY'
import json, sys, random, glob, os
work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
texts = []
for f in sorted(glob.glob("sample-suites/src/test/resources/**/*.jsonl", recursive=True)):
    for line in open(f, encoding="utf-8"):
        line = line.strip()
        if line:
            o = json.loads(line)
            t = o.get("text") or o.get("answer")
            if t: texts.append(t)
texts = sorted(set(texts))
rng = random.Random(1)
for n in sizes:
    with open(f"{work}/answers-{n}.jsonl", "w") as log, open(f"{work}/texts-{n}.jsonl", "w") as plain:
        for i in range(n):
            t = rng.choice(texts)
            log.write(json.dumps({"id": f"r{i}", "text": t, "model": rng.choice(["bot-v1", "bot-v2", "bot-v3"]),
                                  "timestamp": f"2025-03-0{1 + i % 7}T{i % 24:02d}:00:00Z"}) + "\n")
            plain.write(json.dumps({"id": f"r{i}", "text": t}) + "\n")
print(f"{len(texts)} distinct texts", file=sys.stderr)
PY

audit() { # cores size [cache mode]
  rm -rf "$work/out-$1-$2"
  /usr/bin/time -f "%e" -o "$work/time" ./clave-audit --master "local[$1]" --in "$work/answers-$2.jsonl" \
    --evaluator "$work/evaluator" --cache "$work/cache" --cache-mode "${3:-replay}" --out "$work/out-$1-$2" 2>/dev/null \
    | grep '^audited' | sed "s/^/local[$1] $2 rows: /"
  echo "  wall time with JVM and Spark start: $(cat "$work/time") s"
}

audit 2 "${sizes[0]}" read-write >/dev/null   # warm-up: builds the job, caches every distinct text
echo "== texts/s on 100,000 rows, warm cache =="
for c in ${cores[@]}; do audit "$c" 100000; done
rm -f "$work/evaluate-out.jsonl"
/usr/bin/time -f "%e" -o "$work/time" ./clave evaluate --model "$work/evaluator" --in "$work/texts-100000.jsonl" \
  --out "$work/evaluate-out.jsonl" --cache "$work/cache" --cache-mode replay --quiet >/dev/null
echo "clave evaluate (one JVM) 100000 rows: wall time with JVM start $(cat "$work/time") s"
echo "== wall time by size, local[$cores_all] =="
for n in "${sizes[@]}"; do audit "$cores_all" "$n"; done
