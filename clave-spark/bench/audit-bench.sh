#!/usr/bin/env bash
# Benchmark of the Spark audit against `clave evaluate` in one JVM, on the same rows, with a warm concept cache.
#   clave-spark/bench/audit-bench.sh [cores...]        (default: 1, 2 and all cores)
# Environment:
#   CORE_ROWS  rows of the comparison across cores and with `clave evaluate` (default 100000)
#   SIZES      row counts of the wall-time growth, run on all cores (default: 10000 100000 1000000)
# Rows are drawn (with repetition) from the distinct answers of the sample suites, so after a warm-up every concept is
# in the concept cache: this measures the pipeline with a warm cache (Spark, cache lookups, the small model), not the
# large model. Prints a table and writes target/bench-audit/results.json and results.md, with the machine's load
# average before and after (figures taken under load are not figures of the code alone).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/target/bench-audit"
mkdir -p "$work"
cd "$root"
cores_all="$(nproc)"
if [ $# -gt 0 ]; then cores=("$@"); else cores=(1 2 "$cores_all"); fi
mapfile -t cores < <(printf '%s\n' "${cores[@]}" | awk '!seen[$0]++')
core_rows="${CORE_ROWS:-100000}"
read -r -a sizes <<< "${SIZES:-10000 100000 1000000}"
results="$work/results.jsonl"
: > "$results"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

./clave calibrate --value-system schwartz --data sample-suites/src/test/resources/calibration/support-bot.jsonl \
  --out "$work/evaluator" --cache "$work/cache" --quiet >/dev/null

python3 - "$work" "$core_rows" "${sizes[@]}" <<'PY'
import json, sys, random, glob
work, sizes = sys.argv[1], sorted({int(s) for s in sys.argv[2:]})
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

record() { # run cores rows wall-seconds printed-line
  python3 - "$results" "$@" <<'PY'
import json, re, sys
path, run, cores, rows, wall, line = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), sys.argv[6]
m = re.search(r" in ([0-9.]+) s:? \(?([0-9.]+) (?:answers|texts)/s", line)
if not m:
    sys.exit(f"audit-bench: cannot read the rate from: {line!r}")
with open(path, "a") as out:
    out.write(json.dumps({"run": run, "cores": cores, "rows": rows, "seconds": float(m.group(1)),
                          "rate": float(m.group(2)), "wall": wall}) + "\n")
PY
}

audit() { # cores rows run [cache mode]
  rm -rf "$work/out-$1-$2"
  local line
  line="$(/usr/bin/time -f "%e" -o "$work/time" ./clave-audit --master "local[$1]" --in "$work/answers-$2.jsonl" \
    --evaluator "$work/evaluator" --cache "$work/cache" --cache-mode "${4:-replay}" --out "$work/out-$1-$2" 2>"$work/audit.err" \
    | grep '^audited')" || { cat "$work/audit.err" >&2; exit 1; }
  [ "$3" = warm-up ] || record "$3" "$1" "$2" "$(cat "$work/time")" "$line"
}

echo "warm-up: building the job and filling the concept cache..." >&2
audit 2 "$core_rows" warm-up read-write
for c in "${cores[@]}"; do
  echo "audit, local[$c], $core_rows rows..." >&2
  audit "$c" "$core_rows" "audit local[$c]"
done
echo "clave evaluate, one JVM, $core_rows rows..." >&2
rm -f "$work/evaluate-out.jsonl"
line="$(/usr/bin/time -f "%e" -o "$work/time" ./clave evaluate --model "$work/evaluator" --in "$work/texts-$core_rows.jsonl" \
  --out "$work/evaluate-out.jsonl" --cache "$work/cache" --cache-mode replay --quiet)"
record "clave evaluate (one JVM)" "$cores_all" "$core_rows" "$(cat "$work/time")" "$line"
for n in "${sizes[@]}"; do
  echo "audit, local[$cores_all], $n rows..." >&2
  audit "$cores_all" "$n" "growth local[$cores_all]"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work" "$cores_all" "$load_before" "$load_after" <<'PY'
import json, platform, subprocess, sys
work, cores_all, before, after = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = [json.loads(l) for l in open(f"{work}/results.jsonl")]
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
machine = {"cores": cores_all, "java": java, "os": platform.platform(), "load_average_before": before,
           "load_average_after": after}
json.dump({"machine": machine, "results": rows}, open(f"{work}/results.json", "w"), indent=2)
lines = ["| run | cores | rows | texts/s (job) | job time (s) | wall time with JVM start (s) |",
         "|---|---:|---:|---:|---:|---:|"]
for r in rows:
    lines.append(f"| {r['run']} | {r['cores']} | {r['rows']:,} | {r['rate']:,.0f} | {r['seconds']:.1f} | {r['wall']:.1f} |")
md = "\n".join(lines)
note = (f"\n\n{cores_all} cores, {java}; load average {before} before, {after} after "
        "(figures taken under load are not figures of the code alone).\n")
open(f"{work}/results.md", "w").write(md + note)
print(md + note)
print(f"written: {work}/results.json, {work}/results.md")
PY
