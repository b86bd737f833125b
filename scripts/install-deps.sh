#!/usr/bin/env bash
# Installs every Debian 12 package adlref uses. Idempotent: when everything is
# present it only checks (seconds) and touches nothing.
set -euo pipefail

packages=(
  # toolchain and build
  g++ cmake ninja-build pkg-config
  # exact arithmetic, SMT, testing, benchmarks
  libboost-dev libgmp-dev libz3-dev z3
  librapidcheck-dev libgtest-dev libbenchmark-dev
  # command line and JSON
  libcli11-dev nlohmann-json3-dev
  # documentation and plots
  doxygen graphviz gnuplot-nox
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: done"
