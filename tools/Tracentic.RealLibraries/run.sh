#!/usr/bin/env bash
# The real-libraries check (docs/real-libraries.md): a library's own test suite, unannotated and with every method
# annotated, with this repository's packed Tracentic package unconfigured, configured against a live loopback
# receiver, and configured against a closed loopback port; outcomes, diagnostics and call sites compared.
#
#   tools/Tracentic.RealLibraries/run.sh <library> [out-folder]
#
# <library> names tools/Tracentic.RealLibraries/libraries/<library>.sh. The library is cloned (once) into
# $REALLIBS_SRC/<owner>+<name> (default /work/reallibs-src, outside the repository) and reset to the pinned commit;
# its sources are annotated in place and reset again at the end. Results go to out-folder (default
# $REALLIBS_SRC/runs/<library>-<time>); summary.txt there has every count. Exit status 0: no difference found.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
library="${1:?usage: run.sh <library> [out-folder]}"
source "$here/libraries/$library.sh"
stamp="$(date -u +%Y%m%d%H%M%S)"
src_root="${REALLIBS_SRC:-/work/reallibs-src}"
out="${2:-$src_root/runs/$library-$stamp}"
src="$src_root/${REPO/\//+}"
test_timeout="${TEST_TIMEOUT:-900}"   # seconds per test run
build_timeout="${BUILD_TIMEOUT:-900}"
version="0.1.0-rl.$stamp"
inject="$here/inject/Tracentic.RealLibraries.targets"
tool="$here/bin/Release/net10.0/Tracentic.RealLibraries.dll"
test_name="$(basename "$TEST_PROJECT" .csproj)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1
mkdir -p "$out"
summary="$out/summary.txt"
: > "$summary"
say() { echo "$*" | tee -a "$summary"; }

say "library: $REPO @ $COMMIT"
say "tracentic: $(git -C "$repo" rev-parse HEAD) ($(git -C "$repo" log -1 --format=%s | cut -c1-80))"
say "package version: $version"

# 1. The tool, and the package packed from this working tree.
timeout "$build_timeout" dotnet build "$here" -c Release -nologo -v:q > "$out/tool-build.log" 2>&1 || { say "tool build FAILED (see tool-build.log)"; exit 1; }
timeout "$build_timeout" dotnet pack "$repo/src/Tracentic" -c Release -o "$out/feed" "-p:Version=$version" -nologo -v:q > "$out/pack.log" 2>&1 \
    || { say "pack FAILED (see pack.log)"; exit 1; }

# 2. The library at its pinned commit, clean.
if [ ! -d "$src/.git" ]; then
    git clone -q "https://github.com/$REPO" "$src" || { say "clone FAILED"; exit 1; }
fi
reset_library() { git -C "$src" checkout -q --force "$COMMIT" && git -C "$src" clean -fdxq; }
reset_library || { say "checkout of $COMMIT FAILED"; exit 1; }
trap 'git -C "$src" checkout -q --force "$COMMIT"' EXIT

remove="${REMOVE_PACKAGES[*]:-}"
common=(-c "$CONFIGURATION" -f "$TEST_FRAMEWORK" -nologo "-p:CustomAfterMicrosoftCommonTargets=$inject" "-p:CustomAfterMicrosoftCommonCrossTargetingTargets=$inject" "-p:TracenticRlRemovePackages=${remove// /%3B}" "-p:TracenticRlPin=${PIN_PACKAGE:-}")
build() { # <way-folder> [extra properties...]
    local way="$1"; shift
    timeout "$build_timeout" dotnet build "$src/$TEST_PROJECT" "${common[@]}" --no-incremental "-p:TracenticRlOut=$way" "$@" \
        "-p:RestoreAdditionalProjectSources=$out/feed" > "$way/build.log" 2>&1
}
run_tests() { # <trx-path> [command prefix...]
    local trx="$1"; shift
    "$@" timeout "$test_timeout" dotnet test "$src/$TEST_PROJECT" "${common[@]}" --no-build --no-restore \
        --logger "trx;LogFileName=$trx" --results-directory "$(dirname "$trx")/results" --blame-hang-timeout 10m
}
outcome() { dotnet "$tool" trx "$1" | head -1 | cut -d' ' -f2-; }
started=0; timed() { started=$SECONDS; }; took() { echo "$((SECONDS - started)) s"; }

# 3. Way (a): the library as it is, no package.
a="$out/a"; mkdir -p "$a"
if build "$a"; then say "(a) build: ok"; else say "(a) build: FAILED (see a/build.log)"; fi
timed; run_tests "$a/tests.trx" > "$a/test.log" 2>&1
say "(a) unannotated, no package: $(outcome "$a/tests.trx"); $(took)"

# 4. Annotate every method, reference the package.
dotnet "$tool" annotate "${ANNOTATE[@]/#/$src/}" > "$out/annotate.txt"
say "$(head -1 "$out/annotate.txt")"
b="$out/b"; mkdir -p "$b"
if build "$b" "-p:TracenticRlVersion=$version" "-p:TracenticRlTestProject=$test_name"; then
    say "(b-d) annotated build: ok"
else
    say "(b-d) annotated build: FAILED (see b/build.log): $(grep -cE ': error ' "$b/build.log") error lines"
fi

# 5. Ways (b), (c), (d) run the same annotated build; only the environment differs.
timed; run_tests "$b/tests-b.trx" env -u TRACENTIC_RL_ENDPOINT > "$b/test-b.log" 2>&1
say "(b) annotated, unconfigured: $(outcome "$b/tests-b.trx"); $(took)"
timed; dotnet "$tool" serve "$b/receiver-c.txt" -- bash -c "$(declare -f run_tests); $(declare -p common src TEST_PROJECT test_timeout); run_tests '$b/tests-c.trx'" > "$b/test-c.log" 2>&1
say "(c) annotated, configured, live loopback receiver: $(outcome "$b/tests-c.trx"); $(took); $(head -1 "$b/receiver-c.txt" 2>/dev/null)"
port="$(dotnet "$tool" closed-port)"
timed; run_tests "$b/tests-d.trx" env "TRACENTIC_RL_ENDPOINT=http://127.0.0.1:$port" > "$b/test-d.log" 2>&1
say "(d) annotated, configured, closed port 127.0.0.1:$port: $(outcome "$b/tests-d.trx"); $(took)"

# 6. Comparisons: tests one by one, diagnostics, call sites.
# Any difference makes the exit status 1: a test outcome, a diagnostic in generated code or of the user's, a use
# both intercepted and reported or neither, a way that did not build or produced no results.
status=0
for trx in "$a/tests.trx" "$b/tests-b.trx" "$b/tests-c.trx" "$b/tests-d.trx"; do [ -s "$trx" ] || status=1; done
dotnet "$tool" trx "$a/tests.trx" "$b/tests-b.trx" "$b/tests-c.trx" "$b/tests-d.trx" > "$out/tests-compared.txt" || status=1
say "test outcomes differing from (a): $(grep -c '^  DIFFERS' "$out/tests-compared.txt")"
dotnet "$tool" diagnostics "$src" "$a/sarif" "$b/sarif" > "$out/diagnostics-compared.txt" || status=1
grep -v '^  ' "$out/diagnostics-compared.txt" | sed 's/^/diagnostics: /' | tee -a "$summary"
for inputs in "$b"/inputs/*.txt; do
    [ -e "$inputs" ] || continue
    name="$(basename "$inputs" .txt)"
    sites="$(dotnet "$tool" sites "$inputs" "$b/generated/$name" "$b/sarif/$name.sarif" "$out/sites-$name.txt")"
    say "call sites $name: $sites"
    [[ "$sites" == *" both=0 neither=0 "* ]] || status=1
done

# Leave the library as it was, and the package cache without this run's version.
reset_library
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/tracentic/$version"
say "results: $out (exit $status: $([ $status = 0 ] && echo 'no difference' || echo 'differences, see above'))"
exit $status
