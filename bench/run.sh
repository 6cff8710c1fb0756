#!/usr/bin/env bash
# Runs the benchmarks of bench/README.md in one session and prints the tables:
#   1. BenchmarkDotNet (Release): one epoch of the readable MathNet version and of the fast engine (512- and
#      256-bit vectors) on the seed, mid and wide workloads, with allocated bytes; the FMA peaks (512 and
#      256 bits, all cores; 512 bits, one core); the wide layer's kernels one at a time;
#   2. the same three workloads with NumPy under several OpenBLAS settings (the fastest counts), and with
#      PyTorch on the CPU if it is installed;
#   3. with --cli: whole processes, the console program (its native executable from `dotnet publish`, and the
#      .NET build `dotnet run` uses) against python3 with NumPy (hyperfine): the original job, mid (1000×3,
#      3-16-16-1, 2000 epochs) and wide (100000×3, 3-64-64-1, 20 epochs).
# Usage: bench/run.sh [--cli] [--quick]      (results in bench/BenchmarkDotNet.Artifacts/)
# Needs: python3-numpy, libopenblas0-pthread, python3-threadpoolctl (apt); hyperfine for --cli; python3-torch optional.
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

# NumPy under each OpenBLAS setting worth trying: the kernel family it picks by itself, the two it can be told
# to use on an AVX-512 or AVX2 CPU, and each on one thread (small matrices often run faster without threads).
# OPENBLAS_L2_SIZE is unset throughout. Every file names its setting on its first line.
numpy_setting() { # name, then env arguments
    local name=$1; shift
    { echo "setting $name"; env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@" /usr/bin/python3 bench/numpy_bench.py; } | tee "$artifacts/numpy-$name.txt"
}
numpy_setting auto
numpy_setting SkylakeX OPENBLAS_CORETYPE=SkylakeX
numpy_setting Haswell OPENBLAS_CORETYPE=Haswell
numpy_setting auto-1-thread OPENBLAS_NUM_THREADS=1
numpy_setting SkylakeX-1-thread OPENBLAS_CORETYPE=SkylakeX OPENBLAS_NUM_THREADS=1

if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    /usr/bin/python3 bench/torch_bench.py | tee "$artifacts/torch.txt"
fi

if [[ $cli == 1 ]]; then
    # Two builds of the console program: the native executable that `dotnet publish` makes (Native AOT), and
    # the .NET build that `dotnet run` uses (JIT).
    dotnet publish cli/Backprop.Cli --nologo -v quiet -o "$artifacts/native"
    native_bin=$artifacts/native/Backprop.Cli
    dotnet build cli/Backprop.Cli -c Release --nologo -v quiet
    cli_bin=cli/Backprop.Cli/bin/Release/net10.0/Backprop.Cli
    race() { # name, console arguments, python script and arguments
        local name=$1 args=$2 python=$3
        # shellcheck disable=SC2086 # the arguments are meant to split
        for bin in "$native_bin" "$cli_bin"; do
            if diff <($bin $args) <(/usr/bin/python3 $python) > /dev/null; then echo "$name: identical output ($bin)"; else echo "$name: OUTPUTS DIFFER ($bin)"; fi
        done
        hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$artifacts/race-$name.json" \
            -n native "$native_bin $args" \
            -n dotnet "$cli_bin $args" \
            -n numpy-auto "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 $python" \
            -n numpy-SkylakeX "env -u OPENBLAS_L2_SIZE OPENBLAS_CORETYPE=SkylakeX /usr/bin/python3 $python" \
            -n numpy-1-thread "env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 /usr/bin/python3 $python"
    }
    race original "" "bench/original_notebook.py"
    race mid "--layers 3,16,16,1 --samples 1000 --epochs 2000 --init he --print-every 500" "bench/numpy_run.py 1000 3,16,16,1 2000 500"
    race wide "--layers 3,64,64,1 --samples 100000 --epochs 20 --init he --print-every 5 --no-progress" "bench/numpy_run.py 100000 3,64,64,1 20 5"
    hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "$artifacts/start.json" \
        -n native-0-epochs "$native_bin --epochs 0" -n dotnet-0-epochs "$cli_bin --epochs 0" \
        -n python-import-numpy "/usr/bin/python3 -c 'import numpy'"
fi

echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/report.py "$artifacts"
