using BenchmarkDotNet.Running;

namespace Backprop.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Backprop.Benchmarks -- --filter '*'</c> runs every benchmark;
/// bench/run.sh runs them with NumPy and prints the ratio table.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
