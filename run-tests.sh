#!/usr/bin/env bash
# Runs every test: installs Debian's Chromium for the browser tests when it is missing, starts PostgreSQL and Redis on
# loopback for the scale-out tests (DropIn.Tests/ScaleOut/servers.sh installs postgresql, redis-server and nginx from
# Debian when missing; the smoke test starts nginx itself), restores (the package mirror here can answer "not found"
# for a while, so restore is retried), then runs the whole suite and prints "N passed, N failed" from the test results.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
    echo "Installing Chromium for the browser tests..."
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

# Servers that already answer (a developer's, or those another run is using) are used and left running; the ones this
# run starts are stopped when it ends, however it ends.
servers=DropIn.Tests/ScaleOut/servers.sh
if ! bash "$servers" running; then
    trap 'bash "$servers" stop' EXIT
    trap 'exit 130' INT TERM
fi
bash "$servers" start
eval "$(bash "$servers" env)"

for attempt in 1 2 3; do
    if dotnet restore DropIn.sln; then
        break
    fi
    [ "$attempt" -eq 3 ] && { echo "restore failed 3 times"; exit 1; }
    echo "restore failed (attempt $attempt); retrying in 60 s"
    sleep 60
done

results="$(pwd)/TestResults"
rm -rf "$results"
mkdir -p "$results"
# The scale-out smoke test writes each check and what it measured here; it is printed before the closing count.
export DROPIN_SMOKE_LOG="$results/scale-out-smoke.log"
status=0
dotnet test DropIn.sln --no-restore --logger "trx" --results-directory "$results" || status=$?

passed=0
failed=0
for trx in "$results"/*.trx; do
    [ -e "$trx" ] || continue
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
done

if [ -s "$DROPIN_SMOKE_LOG" ]; then
    echo "--- scale-out smoke test ---"
    cat "$DROPIN_SMOKE_LOG"
    echo "---"
fi
# CI shows only the last lines, so the failed tests' names come last, just above the count.
if [ "$failed" -ne 0 ]; then
    echo "--- failed ---"
    for trx in "$results"/*.trx; do
        [ -e "$trx" ] || continue
        # Each failed test's name, then the first lines of its message (perl-base is in every Debian install).
        perl -0777 -ne 'while (/<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="Failed".*?<Message>(.*?)<\/Message>/gs) {
            my ($name, $message) = ($1, $2); $message =~ s/&lt;/</g; $message =~ s/&gt;/>/g; $message =~ s/&quot;/"/g; $message =~ s/&apos;/\x27/g; $message =~ s/&amp;/&/g;
            my @lines = grep { /\S/ } split /\n/, $message; print "$name\n"; print "    $_\n" for @lines[0 .. ($#lines < 7 ? $#lines : 7)]; }' "$trx" || true
    done
    echo "---"
fi
echo "$passed passed, $failed failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
    exit 1
fi
