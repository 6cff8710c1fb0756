using System.Diagnostics;
using System.Globalization;
using Backprop.Pictures;
using Backprop.Playground;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Backprop.Web.Pages;

/// <summary>
/// The playground page: knobs, controls and pictures around a <see cref="PlaygroundRun"/>. The page holds no math of
/// its own: it asks the run to train, step and explain, and shows what the library computed.
/// </summary>
public sealed partial class Playground
{
    /// <summary>
    /// The network pictures are redrawn at most this often while playing, one picture per frame: they are the heavy
    /// part of a frame (drawn all at once they took 8-14 ms of one frame, besides their DOM update; web/README.md).
    /// </summary>
    private static readonly TimeSpan PictureInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>The network, the gradient flow, the hidden units, the function, and the dead units with the traced gradient.</summary>
    private const int PictureCount = 5;

    /// <summary>The status text is rewritten at most this often while playing, so that a screen reader is not flooded.</summary>
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The parts of a frame, timed in C# and shown in the browser's performance timeline as <c>performance.measure</c>
    /// entries named "playground …" (<c>wwwroot/js/playground.js</c>), so that what a frame costs can be read there.
    /// </summary>
    private static readonly string[] FrameParts =
        ["train", "loss curve", "network picture", "gradient flow picture", "hidden units picture", "function picture", "dead units", "status", "render"];

    /// <summary>Where each part is in <see cref="FrameParts"/>; the <see cref="PictureCount"/> pictures follow <see cref="Pictures"/>.</summary>
    private const int Train = 0, LossCurve = 1, Pictures = 2, Status = 7, Render = 8;

    /// <summary>A frame trains at most this long a stretch of time's worth of epochs (a slow frame does not snowball).</summary>
    private const double LongestFrameMs = 100;

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private PlaygroundSettings settings = new();
    private TrainingData? data;
    private PlaygroundRun? run;
    private List<string> problems = [];
    private IReadOnlyList<string> deadLayers = [];
    private string deadUnitsText = "";
    private string status = "Loading…";
    private string? bikesCsv;

    private LossCurvePicture lossCurve = new();
    private MarkupString networkPicture, flowPicture, lossPicture, functionPicture, hiddenPicture;
    private TimeSpan picturesDrawnAt = TimeSpan.MinValue, statusWrittenAt = TimeSpan.MinValue;
    private int picturesDue;

    private (PlaygroundRun? Run, int Lines, string Text) lossLog = (null, 0, "");
    private IReadOnlyList<string> parameterNames = [];
    private PathSum? pathSum;
    private string? pathError;
    private GradientCheckResult? check;
    private string? exported;

    private string layersText = "2,2", seedText = "0", learningRateText = "0.01", epochsPerSecondText = "600", sampleText = "0";
    private string pastedCsv = "";
    private ElementReference fileInput, networkHost, flowHost;

    private bool playing;
    private double? lastFrame;
    private double frameMark;
    private readonly double[] frameCosts = new double[FrameParts.Length];
    private double epochsOwed;
    private IJSObjectReference? script;
    private DotNetObjectReference<Playground>? self;
    private bool watching;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private HttpClient Http { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private bool CanTrain => run is not null && run.Divergence is null;

    /// <summary>Opens the state in the address (or the original), replaying a shared link's epochs.</summary>
    protected override async Task OnInitializedAsync()
    {
        var (fromLink, linkProblems) = PlaygroundLink.Parse(new Uri(Navigation.Uri).Query);
        problems = [.. linkProblems];
        if (fromLink.Data == DataSource.Csv && fromLink.CsvText is null)
        {
            problems.Add("The link's CSV was too long to carry in a link: load the file again.");
        }

        await Rebuild(fromLink, fromLink.Epoch);
    }

    /// <inheritdoc/>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            script = await JS.InvokeAsync<IJSObjectReference>("import", "./js/playground.js");
            self = DotNetObjectReference.Create(this);
        }

        if (!watching && script is not null && run is not null)
        {
            watching = true;
            await script.InvokeVoidAsync("watchPictures", networkHost, self);
            await script.InvokeVoidAsync("watchPictures", flowHost, self);
            await ShowAddress();
        }
    }

    /// <summary>One animation frame while playing: trains the epochs due since the last frame, then redraws.</summary>
    [JSInvokable]
    public void Frame(double time)
    {
        if (!playing || run is null)
        {
            return;
        }

        Array.Clear(frameCosts);
        frameMark = clock.Elapsed.TotalMilliseconds;
        var collections = GC.CollectionCount(0);
        var elapsed = lastFrame is double last ? Math.Min(time - last, LongestFrameMs) : 0;
        lastFrame = time;
        epochsOwed += settings.EpochsPerSecond * elapsed / 1000;
        var epochs = (int)epochsOwed;
        epochsOwed -= epochs;
        run.TrainEpochs(epochs);
        Lap(Train);
        if (run.Divergence is not null)
        {
            StopPlaying();
        }

        Refresh(force: !playing);
        StateHasChanged();
        Lap(Render);
        _ = script?.InvokeVoidAsync("measureFrame", FrameParts, frameCosts, GC.CollectionCount(0) - collections).AsTask();
    }

    /// <summary>Adds the time since the last lap to <paramref name="part"/>'s cost in this frame.</summary>
    private void Lap(int part)
    {
        var now = clock.Elapsed.TotalMilliseconds;
        frameCosts[part] += now - frameMark;
        frameMark = now;
    }

    /// <summary>A click on a weight or a bias in a picture: trace its gradient.</summary>
    [JSInvokable]
    public void SelectParameter(string name)
    {
        settings = settings with { Parameter = name };
        TracePaths();
        _ = ShowAddress();
        StateHasChanged();
    }

    private async Task Play()
    {
        if (!CanTrain || script is null)
        {
            return;
        }

        playing = true;
        lastFrame = null;
        epochsOwed = 0;
        check = null;
        await script.InvokeVoidAsync("play", self);
    }

    private async Task Pause()
    {
        StopPlaying();
        Refresh(force: true);
        await ShowAddress();
    }

    private void StopPlaying()
    {
        playing = false;
        _ = script?.InvokeVoidAsync("pause").AsTask();
    }

    private async Task StepEpoch()
    {
        run?.TrainEpochs(1);
        Refresh(force: true);
        await ShowAddress();
    }

    private async Task StepPhase()
    {
        run?.StepPhase();
        Refresh(force: true);
        await ShowAddress();
    }

    private async Task Reset()
    {
        StopPlaying();
        await Rebuild(settings.Restarted(), 0);
    }

    private void CheckGradients()
    {
        if (run is null)
        {
            return;
        }

        try
        {
            check = run.CheckGradients();
        }
        catch (InvalidInputException error)
        {
            problems = [error.Message];
        }
    }

    private void Export() => exported = run is null ? null : CSharpExport.Program(run.Settings);

    private async Task DownloadExport()
    {
        if (exported is not null && script is not null)
        {
            await script.InvokeVoidAsync("download", CSharpExport.FileName, exported);
        }
    }

    private async Task ChangeData(ChangeEventArgs change)
    {
        var (read, _) = PlaygroundLink.Parse("data=" + change.Value);
        StopPlaying();
        if (read.Data == DataSource.Csv)
        {
            // Nothing to train until a CSV is chosen: show the file and paste boxes.
            settings = settings with { Data = DataSource.Csv, Target = null, Epoch = 0 };
            if (settings.CsvText is null)
            {
                (run, data, pathSum, check, exported) = (null, null, null, null, null);
                status = "Choose a CSV file or paste its text: the first row names the columns, every other row holds numbers.";
                return;
            }
        }

        await Rebuild(settings.Restarted() with { Data = read.Data, Target = null }, 0);
    }

    private async Task ChangeTarget(ChangeEventArgs change) =>
        await Rebuild(settings.Restarted() with { Target = change.Value?.ToString() }, 0);

    private async Task ChangeLayers()
    {
        var (layers, problem) = PlaygroundLink.ParseLayers(layersText);
        if (problem is not null)
        {
            problems = [problem];
            return;
        }

        await Rebuild(settings.Restarted() with { HiddenLayers = layers! }, 0);
    }

    private async Task ChangeInitialization(ChangeEventArgs change) =>
        await Rebuild(settings.Restarted() with { Initialization = change.Value?.ToString() == "he" ? Initialization.He : Initialization.Randn }, 0);

    private async Task ChangeSeed()
    {
        var (read, readProblems) = PlaygroundLink.Parse("seed=" + Uri.EscapeDataString(seedText.Trim()));
        if (readProblems.Count > 0)
        {
            problems = [$"Seed '{seedText}' is not a whole number from 0 to 4294967295, as NumPy's np.random.seed takes."];
            return;
        }

        await Rebuild(settings.Restarted() with { Seed = read.Seed }, 0);
    }

    /// <summary>A new learning rate applies from the next epoch on, without a reset.</summary>
    private async Task ChangeLearningRate()
    {
        if (run is null)
        {
            return;
        }

        if (!double.TryParse(learningRateText.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var learningRate))
        {
            problems = [$"Learning rate '{learningRateText}' is not a number: write it with a dot, like 0.01."];
            return;
        }

        try
        {
            run.ChangeLearningRate(learningRate);
            settings = run.Settings with { Sample = settings.Sample, Parameter = settings.Parameter, EpochsPerSecond = settings.EpochsPerSecond };
            problems = [];
            WriteStatus();
            await ShowAddress();
        }
        catch (InvalidInputException error)
        {
            problems = [error.Message];
        }
    }

    private async Task ChangeSpeed()
    {
        if (int.TryParse(epochsPerSecondText, NumberStyles.None, CultureInfo.InvariantCulture, out var speed) && speed is >= 1 and <= 100_000)
        {
            settings = settings with { EpochsPerSecond = speed };
            problems = [];
            await ShowAddress();
        }
        else
        {
            problems = [$"Epochs per second '{epochsPerSecondText}' is not a whole number from 1 to 100000."];
        }
    }

    private async Task ChangeSample()
    {
        if (data is not null && int.TryParse(sampleText, NumberStyles.None, CultureInfo.InvariantCulture, out var sample) && sample < data.X.RowCount)
        {
            settings = settings with { Sample = sample };
            problems = [];
            Refresh(force: true);
            await ShowAddress();
        }
        else
        {
            problems = [$"Sample '{sampleText}' is not a row of the data: choose one from 0 to {(data?.X.RowCount ?? 1) - 1}."];
        }
    }

    private async Task ChangeParameter(ChangeEventArgs change)
    {
        var name = change.Value?.ToString();
        settings = settings with { Parameter = string.IsNullOrEmpty(name) ? null : name };
        TracePaths();
        await ShowAddress();
    }

    private async Task LoadFile()
    {
        if (script is null)
        {
            return;
        }

        var name = await script.InvokeAsync<string?>("fileName", fileInput);
        var bytes = await script.InvokeAsync<byte[]?>("fileBytes", fileInput);
        if (name is null || bytes is null)
        {
            return;
        }

        try
        {
            var text = TrainingData.ReadUpload(name, bytes);
            await Rebuild(settings.Restarted() with { Data = DataSource.Csv, CsvName = name, CsvText = text, Target = null }, 0);
        }
        catch (InvalidInputException error)
        {
            Refuse(error.Message);
        }
    }

    private async Task UsePastedCsv() =>
        await Rebuild(settings.Restarted() with { Data = DataSource.Csv, CsvName = TrainingData.PastedName, CsvText = pastedCsv, Target = null }, 0);

    /// <summary>Bad data trains nothing: the old run is dropped, and the message says what to fix.</summary>
    private void Refuse(string message)
    {
        StopPlaying();
        (run, data, pathSum, check, exported) = (null, null, null, null, null);
        problems = [message];
        status = "Nothing to train: " + message;
    }

    /// <summary>Builds the data and a new run of <paramref name="next"/>, and trains it to <paramref name="epoch"/> (a shared link's).</summary>
    private async Task Rebuild(PlaygroundSettings next, int epoch)
    {
        StopPlaying();
        try
        {
            if (next.Data == DataSource.Bikes)
            {
                bikesCsv ??= await Http.GetStringAsync("data/" + TrainingData.BikesFileName);
            }

            data = TrainingData.Build(next, bikesCsv);
            run = new PlaygroundRun(next, data);
            lossCurve = new LossCurvePicture();
        }
        catch (InvalidInputException error)
        {
            Refuse(error.Message);
            return;
        }

        settings = run.Settings with { Sample = Math.Min(next.Sample, data.X.RowCount - 1), Parameter = next.Parameter, EpochsPerSecond = next.EpochsPerSecond };
        parameterNames = GradientPaths.ParameterNames(run.Network);
        (check, exported, pathSum, pathError) = (null, null, null, null);
        (layersText, seedText, learningRateText, epochsPerSecondText, sampleText) = (
            string.Join(',', settings.HiddenLayers), settings.Seed.ToString(CultureInfo.InvariantCulture),
            PlaygroundLink.Number(settings.LearningRate), settings.EpochsPerSecond.ToString(CultureInfo.InvariantCulture),
            settings.Sample.ToString(CultureInfo.InvariantCulture));
        if (settings.Data == DataSource.Csv)
        {
            pastedCsv = settings.CsvText ?? "";
        }

        if (problems.Count > 0 && epoch == 0)
        {
            problems = [];
        }

        if (epoch > 0)
        {
            await Replay(epoch);
        }

        Refresh(force: true);
        await ShowAddress();
    }

    /// <summary>Trains a shared link's epochs, a stretch at a time, letting the page draw between stretches.</summary>
    private async Task Replay(int epoch)
    {
        var stretch = Stopwatch.StartNew();
        while (run is not null && run.Epoch < epoch && run.Divergence is null)
        {
            run.TrainEpochs(Math.Min(100, epoch - run.Epoch));
            if (stretch.ElapsedMilliseconds > 50)
            {
                status = $"Replaying the link: epoch {run.Epoch} of {epoch}…";
                StateHasChanged();
                await Task.Delay(1);
                stretch.Restart();
            }
        }

        settings = settings with { Epoch = run?.Settings.Epoch ?? 0 };
    }

    /// <summary>
    /// Redraws the loss curve, the pictures (while playing, a round every <see cref="PictureInterval"/>, one picture a
    /// frame) and the status.
    /// </summary>
    private void Refresh(bool force)
    {
        if (run is null || data is null)
        {
            return;
        }

        settings = run.Settings with { Sample = settings.Sample, Parameter = settings.Parameter, EpochsPerSecond = settings.EpochsPerSecond };
        lossCurve.Update(run.Losses);
        lossPicture = new MarkupString(lossCurve.Svg);
        Lap(LossCurve);
        var now = clock.Elapsed;
        if (force)
        {
            (picturesDue, picturesDrawnAt) = (0, now);
            for (var picture = 0; picture < PictureCount; picture++)
            {
                DrawPicture(picture);
                Lap(Pictures + picture);
            }
        }
        else
        {
            if (picturesDue == 0 && now - picturesDrawnAt >= PictureInterval)
            {
                (picturesDue, picturesDrawnAt) = (PictureCount, now);
            }

            if (picturesDue > 0)
            {
                var picture = PictureCount - picturesDue--;
                DrawPicture(picture);
                Lap(Pictures + picture);
            }
        }

        if (force || now - statusWrittenAt >= StatusInterval)
        {
            statusWrittenAt = now;
            WriteStatus();
            Lap(Status);
        }
    }

    /// <summary>Draws picture number <paramref name="picture"/> (of <see cref="PictureCount"/>) of the network as it is now.</summary>
    private void DrawPicture(int picture)
    {
        if (run is null || data is null)
        {
            return;
        }

        if (run.Divergence is not null && run.Step is null && !FiniteNetwork())
        {
            deadLayers = [];
            deadUnitsText = "The weights are no longer finite numbers: the pictures show the network before it diverged.";
            return;
        }

        var y = data.Y;
        switch (picture)
        {
            case 0:
                networkPicture = new MarkupString(NetworkPicture.Draw(run.Network, data.X, settings.Sample, y,
                    $"Epoch {run.Epoch}, sample {settings.Sample}").Content);
                break;
            case 1:
                flowPicture = new MarkupString(GradientFlowPicture.Draw(run.Network, data.X, y).Content);
                break;
            case 2:
                hiddenPicture = new MarkupString(HiddenUnitsPicture.Draw(run.Network, data));
                break;
            case 3:
                functionPicture = data.Function is null ? default : new MarkupString(FunctionPicture.Draw(run.Network, data));
                break;
            default:
                deadLayers = run.DeadLayers();
                var dead = ReluActivity.DeadUnits(run.Forward());
                deadUnitsText = dead.Count == 0
                    ? "No dead unit: every hidden unit fires for at least one sample."
                    : $"Dead units (off for every sample, so they pass no gradient back): {string.Join(", ", dead.Select(unit => $"layer {unit.Layer + 1} unit {unit.Unit}"))}.";
                TracePaths();
                break;
        }
    }

    private bool FiniteNetwork() =>
        run!.Network.Weights.All(W => W.Enumerate().All(double.IsFinite)) && run.Network.Biases.All(b => b.All(double.IsFinite));

    private void TracePaths()
    {
        (pathSum, pathError) = (null, null);
        if (run is null || data is null || settings.Parameter is null || !FiniteNetwork())
        {
            return;
        }

        try
        {
            pathSum = GradientPaths.Sum(run.Network, data.X, data.Y, settings.Parameter);
        }
        catch (InvalidInputException error)
        {
            pathError = error.Message;
        }
    }

    /// <summary>The run's loss log as one text, joined again only when it has a new line (not on every frame).</summary>
    private string LossLogText(PlaygroundRun shown)
    {
        if (lossLog.Run != shown || lossLog.Lines != shown.LossLog.Count)
        {
            lossLog = (shown, shown.LossLog.Count, string.Join("\n", shown.LossLog));
        }

        return lossLog.Text;
    }

    private void WriteStatus()
    {
        if (run is null || data is null)
        {
            return;
        }

        var loss = run.Losses.Count > 0
            ? $"loss at epoch {run.Epoch - 1}: {run.Losses[^1].ToString("F4", CultureInfo.InvariantCulture)}"
            : "no epoch trained yet";
        var phase = run.Step is { Done: false } step ? $" · epoch {step.Epoch} in progress, next phase: {step.Next}" : "";
        status = $"Epochs trained: {run.Epoch} · {loss} · learning rate {PlaygroundLink.Number(settings.LearningRate)} · network {data.Shape}{phase}" +
                 (run.Divergence is null ? "" : " · training stopped: it diverged");
    }

    private async Task ShowAddress()
    {
        if (script is not null && run is not null && !playing)
        {
            await script.InvokeVoidAsync("showAddress", PlaygroundLink.ToQuery(settings));
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        playing = false;
        if (script is not null)
        {
            try
            {
                await script.InvokeVoidAsync("pause");
                await script.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The page is gone already.
            }
        }

        self?.Dispose();
    }
}
