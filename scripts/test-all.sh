#!/usr/bin/env bash
# Runs every test: unit tests (release build, then again under ASan+UBSan),
# the database conformance suite and the black-box API tests against SQLite
# and a throwaway PostgreSQL, and the browser tests. Expects `make build` done.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$*"; }
started=$SECONDS

eval "$(scripts/pg-test.sh start)"
trap 'scripts/pg-test.sh stop "$PG_TEST_DIR"' EXIT
export PG_TEST_DIR

step "unit tests (SQLite and PostgreSQL)"
GUANXI_TEST_PG_ADMIN_URL=$GUANXI_TEST_PG_ADMIN_URL ctest --test-dir build --output-on-failure -j2

step "unit tests under AddressSanitizer + UBSan"
if [[ ! -f build-asan/build.ninja ]]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DGUANXI_SANITIZE=ON -DGUANXI_BUILD_SERVER=OFF >/dev/null
fi
ninja -C build-asan guanxi_unit_tests
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  GUANXI_TEST_PG_ADMIN_URL=$GUANXI_TEST_PG_ADMIN_URL ctest --test-dir build-asan --output-on-failure -j2

step "web unit tests (vitest)"
(cd web && npm test --silent)

step "API tests on SQLite"
env -u GUANXI_TEST_PG_ADMIN_URL node --test --test-concurrency=1 tests/api/

step "API tests on PostgreSQL"
GUANXI_TEST_PG_ADMIN_URL=$GUANXI_TEST_PG_ADMIN_URL node --test --test-concurrency=1 tests/api/

step "browser tests (Chromium)"
env -u GUANXI_TEST_PG_ADMIN_URL node --test --test-concurrency=1 tests/e2e/

step "all tests passed in $((SECONDS - started)) s"
