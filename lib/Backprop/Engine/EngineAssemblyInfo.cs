using System.Runtime.CompilerServices;

// The benchmarks time one epoch of the engine (TrainingSession) directly.
[assembly: InternalsVisibleTo("Backprop.Benchmarks")]
