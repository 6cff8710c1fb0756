#!/usr/bin/env bash
# Runs the benchmarks of bench/README.md in one session and prints the ratio table:
#   1. BenchmarkDotNet (Release): one epoch of the readable MathNet version and of the fast engine on the
#      seed, mid and wide workloads, with allocated bytes, plus the machine's FMA peak;
#   2. the same three workloads with NumPy (OpenBLAS), bench/numpy_bench.py;
#   3. with --cli: the whole default console run (built binary) against python3 running the original, with hyperfine.
# Usage: bench/run.sh [--cli] [--quick]      (results in bench/BenchmarkDotNet.Artifacts/)
# Needs: python3-numpy and libopenblas0-pthread (apt), hyperfine (apt) for --cli.
set -euo pipefail
cd "$(dirname "$0")/.."

cli=0
bdn_args=(--minIterationCount 5 --maxIterationCount 20)
for arg in "$@"; do
    case "$arg" in
        --cli) cli=1 ;;
        --quick) bdn_args=(--job short) ;;
        *) echo "unknown option $arg" >&2; exit 2 ;;
    esac
done

artifacts=bench/BenchmarkDotNet.Artifacts
rm -rf "$artifacts"
mkdir -p "$artifacts"

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"

dotnet build bench/Backprop.Benchmarks -c Release --nologo -v quiet
dotnet bench/Backprop.Benchmarks/bin/Release/net10.0/Backprop.Benchmarks.dll \
    --filter '*' --exporters json --artifacts "$artifacts" "${bdn_args[@]}"

# NumPy: OpenBLAS's tuning variables (set on some of these machines for older OpenBLAS builds) slow a current
# NumPy, so they are unset for this command only.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_bench.py | tee "$artifacts/numpy.txt"

if [[ $cli == 1 ]]; then
    dotnet build cli/Backprop.Cli -c Release --nologo -v quiet
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE hyperfine --warmup 3 --runs 30 --export-json "$artifacts/hyperfine.json" \
        cli/Backprop.Cli/bin/Release/net10.0/Backprop.Cli \
        '/usr/bin/python3 bench/original_notebook.py'
fi

echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/report.py "$artifacts"
