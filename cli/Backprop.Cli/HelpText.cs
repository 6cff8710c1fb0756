namespace Backprop.Cli;

/// <summary>What <c>--help</c> prints.</summary>
internal static class HelpText
{
    public const string Text = """
        backprop: trains a ReLU network by hand-written backpropagation, exactly as the NumPy original.

        With no options it runs the original notebook top to bottom: seed 0, a 3-2-2-1 network,
        X = rand(10, 3), y = rand(10, 1), 1000 epochs at learning rate 0.01, and prints
        "Epoch N, Loss: x.xxxx" every 100 epochs.

        Training:
          --seed N            NumPy seed, 0 to 4294967295 (default 0)
          --layers 3,2,2,1    units per layer, inputs first (default 3,2,2,1)
          --lr X              learning rate, above 0 (default 0.01)
          --epochs N          full-batch epochs, 0 or more (default 1000)
          --print-every N     print the loss every N epochs (default 100)
          --init randn|he     first weights: randn as the original, or He (randn * sqrt(2/n_in))
          --samples N         rows of random data: X = rand(N, inputs), y = rand(N, outputs) (default 10)
          --data FILE.csv     train on a CSV with a header row instead of random data
          --target COLUMN     the CSV column that holds y; every other column is a feature, in file order

        Files:
          --save model.json   write the trained model (written atomically)
          --load model.json   start from a saved model instead of random weights (random data:
                              the seed and samples it was trained on, unless given)
          --predict FILE.csv  with --load: print one prediction per row as CSV (and the MSE on
                              stderr when --target names the CSV's target column); a model
                              trained on a CSV finds its columns by name, in any order
          --plot loss.html    write a chart of the loss per epoch (self-contained, opens offline)

        Other:
          --no-progress       no progress lines on stderr during long runs
          -h, --help          this text

        Exit codes: 0 done, 2 bad arguments or data, 3 training diverged.
        """;
}
