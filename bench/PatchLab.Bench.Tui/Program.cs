// Issue 6 benchmark: the dashboard on Terminal.Gui's ansi driver with no terminal behind it (DisableRealDriverIO=1),
// running its real main loop (TuiApp.Run), fed by an in-memory ILabClient whose overview has N instances that change on
// every poll (ping, counts, clock), so each 1 Hz refresh rebuilds and repaints the fleet table.
//   0. idle     [seconds]: after a warm-up with the full fleet, the same loop with an empty fleet, so the main loop's own
//               cost (Terminal.Gui polls its input queue) is known apart from the dashboard's.
//   1. refresh  [seconds=30]: process CPU time ÷ wall time over the window, as % of one core (target ≤ 15 %), and that
//               minus the idle figure; with the loop iterations, the draws and the mean time of a draw (layout + draw).
//   2. keys     [presses=200]: a key (↓ / ↑ alternating, every ~100 ms) typed while it refreshes: the terminal's bytes
//               (ESC [ B) go through Terminal.Gui's input thread as a real key's do; latency from the first byte to the
//               end of the draw that shows the moved selection: p50 / p99 / max (target ≤ 50 ms).
//   3. pages    [presses/4, at least 10]: page keys ('2' Windows, '1' Fleet) typed the same way; latency to the draw that
//               shows the other page (the whole page area repaints).
// Usage: dotnet run -c Release --project bench/PatchLab.Bench.Tui -- [instances=1000] [seconds=30] [presses=200] [width=200] [height=50]
//        [iterations-per-second=TuiOptions.DefaultIterationsPerSecond] (25 is Terminal.Gui's own default)
using System.Diagnostics;
using System.Globalization;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using PatchLab.Tui;
using PatchLab.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Drivers;
using Terminal.Gui.Testing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
int instances = Arg(0, 1000), seconds = Arg(1, 30), presses = Arg(2, 200), width = Arg(3, 200), height = Arg(4, 50);
int iterationsPerSecond = Arg(5, TuiOptions.DefaultIterationsPerSecond);
Console.WriteLine($"# PatchLab.Bench.Tui — {instances} instances, {width}x{height}, refresh 1 Hz, {iterationsPerSecond} loop iterations/s max, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");

Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
IApplication app = Application.Create();
app.Init("ansi");
app.Driver!.SetScreenSize(width, height);

var client = new SyntheticLab { Count = 0 };
TaskCompletionSource? waitingForDraw = null;
PendingKey? pendingKey = null;
PendingPage? pendingPage = null;
int selectedRow = 0;
TableView? fleetTable = null; // the fleet table (the dashboard's first), found once
// Keys go in as a terminal's bytes through Terminal.Gui's input thread (it polls every 20 ms), as a real key does.
var terminal = (ITestableInput<char>)((InputProcessorImpl<char>)app.Driver!.GetInputProcessor()).InputImpl!;
int iterations = 0, draws = 0;
long iterationStart = 0, drawTicks = 0; // UI thread only; read between phases
app.Iteration += (_, _) =>
{
    Interlocked.Increment(ref iterations);
    iterationStart = Stopwatch.GetTimestamp();
};
app.LayoutAndDrawComplete += (_, _) =>
{
    if (iterationStart != 0) // a draw of an iteration (not one TuiApp forces outside the loop)
    {
        Interlocked.Increment(ref draws);
        Interlocked.Add(ref drawTicks, Stopwatch.GetTimestamp() - iterationStart);
        iterationStart = 0;
    }

    Interlocked.Exchange(ref waitingForDraw, null)?.TrySetResult();
    if (Volatile.Read(ref pendingPage) is { } page && app.TopRunnableView is DashboardView { Page: var shown } && shown == page.Target)
    {
        Volatile.Write(ref pendingPage, null);
        page.Done.TrySetResult();
    }

    if (Volatile.Read(ref pendingKey) is { } key && FleetTable() is { } table && table.Value?.SelectedCell.Y is int now && now != key.Before)
    {
        Volatile.Write(ref selectedRow, now);
        Volatile.Write(ref pendingKey, null);
        key.Done.TrySetResult(); // the draw that shows the moved selection
    }
};

TableView? FleetTable() => fleetTable ??= Deep(app.TopRunnableView!).OfType<TableView>().FirstOrDefault();
static IEnumerable<View> Deep(View view) => view.SubViews.SelectMany(sub => Deep(sub).Prepend(sub));

var measure = Task.Run(async () =>
{
    try
    {
        // Warm-up first: start-up, JIT and tiering of the drawing code would otherwise be billed to the idle loop.
        client.Count = instances;
        await Task.Delay(TimeSpan.FromSeconds(6));
        client.Count = 0;
        await Task.Delay(TimeSpan.FromSeconds(2)); // a poll or two to empty the table
        double idle = await CpuPercentAsync("idle (0 instances)");

        client.Count = instances;
        await Task.Delay(TimeSpan.FromSeconds(2));
        double busy = await CpuPercentAsync($"refresh ({instances} instances)");
        Console.WriteLine(Invariant($"refresh cost above the idle loop: {busy - idle:0.0} % of one core (target ≤ 15 % in all)"));

        var latencies = new List<double>(presses);
        var random = new Random(6);
        for (int i = 0; i < presses; i++)
        {
            await Task.Delay(80 + random.Next(40));
            var repainted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            string bytes = i % 2 == 0 ? "\u001b[B" : "\u001b[A"; // ↓ / ↑ as a terminal sends them
            int selected = Volatile.Read(ref selectedRow);
            long t0 = Stopwatch.GetTimestamp();
            Volatile.Write(ref pendingKey, new PendingKey(selected, repainted));
            foreach (char c in bytes)
            {
                terminal.InjectInput(c);
            }

            await repainted.Task.WaitAsync(TimeSpan.FromSeconds(5));
            latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        Report("keys", latencies);

        // 3. pages: a page key ('2' Windows, then '1' Fleet, …) typed the same way; latency to the draw that shows the other page.
        var pages = new List<double>();
        for (int i = 0; i < Math.Max(10, presses / 4); i++)
        {
            await Task.Delay(150 + random.Next(100));
            var repainted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            DashboardPage target = i % 2 == 0 ? DashboardPage.Windows : DashboardPage.Fleet;
            long t0 = Stopwatch.GetTimestamp();
            Volatile.Write(ref pendingPage, new PendingPage(target, repainted));
            terminal.InjectInput(target == DashboardPage.Windows ? '2' : '1');
            await repainted.Task.WaitAsync(TimeSpan.FromSeconds(5));
            pages.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        Report("pages", pages);
    }
    catch (Exception ex)
    {
        Console.WriteLine($"benchmark failed: {ex}");
        Environment.ExitCode = 1;
    }
    finally
    {
        app.Invoke(() => app.InjectKey(Key.Q.WithCtrl));
    }
});

async Task<double> CpuPercentAsync(string phase)
{
    int pollsBefore = client.Polls, iterationsBefore = Volatile.Read(ref iterations), drawsBefore = Volatile.Read(ref draws);
    long drawTicksBefore = Interlocked.Read(ref drawTicks);
    TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    await Task.Delay(TimeSpan.FromSeconds(seconds));
    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
    double percent = cpu.TotalSeconds / wall.Elapsed.TotalSeconds * 100;
    Console.WriteLine(Invariant($"{phase}: {client.Polls - pollsBefore} polls in {wall.Elapsed.TotalSeconds:0.0} s, CPU {cpu.TotalSeconds:0.00} s = {percent:0.0} % of one core; {Volatile.Read(ref iterations) - iterationsBefore} loop iterations, {Volatile.Read(ref draws) - drawsBefore} draws taking {Stopwatch.GetElapsedTime(0, Interlocked.Read(ref drawTicks) - drawTicksBefore).TotalMilliseconds / Math.Max(1, Volatile.Read(ref draws) - drawsBefore):0.0} ms each"));
    return percent;
}

TuiApp.Run(client, new TuiOptions
{
    Application = app,
    RefreshInterval = TimeSpan.FromSeconds(1),
    EmulatorUrl = "bench",
    IterationsPerSecond = (ushort)iterationsPerSecond,
});
await measure;
app.Dispose();
return;

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static void Report(string what, List<double> latencies)
{
    latencies.Sort();
    double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
    Console.WriteLine(Invariant($"{what}: {latencies.Count} presses, key → repaint p50 {P(0.50):0.0} ms, p99 {P(0.99):0.0} ms, max {latencies[^1]:0.0} ms (target ≤ 50 ms)"));
}

/// <summary>A key typed and not yet shown: the selected row before it, and what to complete when the draw shows it moved.</summary>
internal sealed record PendingKey(int Before, TaskCompletionSource Done);

/// <summary>A page key typed and not yet shown.</summary>
internal sealed record PendingPage(DashboardPage Target, TaskCompletionSource Done);

/// <summary>An emulator in memory: N instances whose ping and counts move on every poll.</summary>
internal sealed class SyntheticLab : ILabClient
{
    private static readonly string[] Pings = ["Online", "Online", "Online", "ConnectionLost"];
    private static readonly string[] Compliance = ["COMPLIANT", "NON_COMPLIANT"];
    private readonly DateTimeOffset _start = new(2026, 12, 6, 2, 0, 0, TimeSpan.Zero);
    private int _polls;
    private int _count;

    /// <summary>Instances in the next overview.</summary>
    public int Count
    {
        get => Volatile.Read(ref _count);
        set => Volatile.Write(ref _count, value);
    }

    public int Polls => Volatile.Read(ref _polls);

    public Task<OverviewDto> GetOverviewAsync(CancellationToken ct)
    {
        int poll = Interlocked.Increment(ref _polls);
        var overview = new OverviewDto { Clock = new ClockDto { Now = _start.AddSeconds(poll * 60), Speed = 60 } };
        int count = Count;
        for (int i = 0; i < count; i++)
        {
            string name = "node-" + i.ToString("0000", CultureInfo.InvariantCulture);
            overview.Instances.Add(new InstanceRow
            {
                InstanceId = "i-" + (0x10000000000 + i).ToString("x17", CultureInfo.InvariantCulture),
                Name = name,
                Os = i % 3 == 0 ? "Ubuntu" : "AmazonLinux2023",
                PingStatus = Pings[(i + poll) % Pings.Length],
                State = "running",
                Tags = new() { ["Name"] = name, ["env"] = i % 2 == 0 ? "prod" : "dev" },
                PatchGroup = i % 2 == 0 ? "web" : "db",
                Installed = 400 + (i + poll) % 17,
                Missing = (i + poll) % 5,
                Compliance = Compliance[(i + poll) % 2],
            });
        }

        return Task.FromResult(overview);
    }

    public Task<ClockDto> GetClockAsync(CancellationToken ct) => Task.FromResult(new ClockDto { Now = _start, Speed = 60 });

    public Task<ClockDto> ChangeClockAsync(ClockChangeRequest change, CancellationToken ct) => GetClockAsync(ct);

    public Task<ClockDto> JumpToNextExecutionAsync(string windowId, CancellationToken ct) => GetClockAsync(ct);
}
