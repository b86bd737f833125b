#!/usr/bin/env bash
# The catalog's scaling benchmark (issue 3): for each key claim, the largest instance size n (or
# number of rounds T) that `adl prove` checks, every size from the smallest up, with the expected
# verdict within a wall-clock budget (default 60 s). A benchmark to run and report in
# proofs/README.md, not a test: the figures depend on the machine and on what else runs.
#
#   proofs/scaling.sh [--adl PATH] [--budget SECONDS] [--max K] [ID:n|ID:t ...]
#
# For k = 1, 2, … it runs `adl prove ID --max-n k` (or --max-t k) with the per-query timeout and
# the per-claim limit both set to the budget; it stops at the first k that exceeds the budget,
# misses the expected verdict, or reaches --max. Prints a Markdown table.
set -euo pipefail

adl="build/default/src/adl"
budget=60
max_k=12
claims=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --adl) adl="$2"; shift 2 ;;
    --budget) budget="$2"; shift 2 ;;
    --max) max_k="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) claims+=("$1"); shift ;;
  esac
done
if [[ ! -x "$adl" ]]; then
  echo "scaling.sh: $adl is not an executable (build first, or pass --adl PATH)" >&2
  exit 2
fi
if [[ ${#claims[@]} -eq 0 ]]; then
  claims=(THM-VALID-QUEUE:n THM-VALID-PRO-RATA:n THM-VALID-CAPPED:n THM-VALID-RAP:n THM-VALID-MINMAX:n
          THM-VALID-GREEDY:n THM-QUEUE-VERTEX:n THM-QUEUE-MAX-SCORE:n THM-MINMAX-PR:n THM-PR-SYBIL:n
          THM-PR-MONOTONE:n THM-QUEUE-VAR-ES-BOUND:n THM-TRILEMMA-I:n THM-TRILEMMA-II:n
          THM-TRILEMMA-III:n THM-OGD-SEVERITY:t THM-OMD-REPAIRED:t)
fi

echo "| claim | dimension | largest reached in ${budget} s | seconds for it | stopped because |"
echo "|---|---|---|---|---|"
for spec in "${claims[@]}"; do
  id="${spec%%:*}"
  dim="${spec##*:}"
  flag="--max-n"; [[ "$dim" == "t" ]] && flag="--max-t"
  reached="-"; reached_s="-"; why="--max $max_k reached"
  for ((k = 1; k <= max_k; ++k)); do
    start=$(date +%s%N)
    set +e
    "$adl" prove "$id" "$flag" "$k" --timeout "$budget" --claim-limit "$budget" --jobs 1 >/dev/null 2>&1
    rc=$?
    set -e
    elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    elapsed="$((elapsed_ms / 1000)).$(( (elapsed_ms % 1000) / 100 ))"
    if [[ $rc -ne 0 ]]; then why="$dim = $k: exit $rc after ${elapsed} s (timeout or unexpected verdict)"; break; fi
    if (( elapsed_ms > budget * 1000 )); then why="$dim = $k: ${elapsed} s"; break; fi
    reached="$k"; reached_s="$elapsed"
  done
  echo "| $id | $dim | $reached | $reached_s | $why |"
done
