#!/usr/bin/env bash
# Runs the test suite with JDK 25: unit, property, golden and tshark differential tests.
# Heavier suites are tagged "heavy" and run with:  ./test.sh -Pheavy
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HERE/bin/jdk.sh"
cd "$HERE"
exec mvn -B install "$@"
