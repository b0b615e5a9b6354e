#!/usr/bin/env bash
# A deeper run of the portal's fuzz test (jianxi_internship/tests/test_portal_fuzz.py) than the
# suite's: JIANXI_FUZZ_EXAMPLES examples per route (the suite uses 8), on a throwaway database.
# Usage: bash scripts/fuzz_portal.sh [examples per route, default 60]. Prints the figures.
set -euo pipefail
export JIANXI_FUZZ_EXAMPLES=${1:-60}
export JIANXI_TESTS=jianxi_internship/tests/test_portal_fuzz.py
exec bash "$(dirname "${BASH_SOURCE[0]}")/test.sh" -q -s
