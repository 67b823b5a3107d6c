using PatchLab.Tui.Models;
using Terminal.Gui.App;

namespace PatchLab.Tui;

/// <summary>Settings of the terminal dashboard.</summary>
public sealed class TuiOptions
{
    /// <summary>Emulator URL, shown in the header.</summary>
    public string EmulatorUrl { get; init; } = "";

    /// <summary>Time between polls of the emulator.</summary>
    public TimeSpan RefreshInterval { get; init; } = DashboardModel.DefaultRefreshInterval;

    /// <summary>Hide every action that changes the lab (clock, jump, marks, instance actions): a dashboard that only watches.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Terminal.Gui driver name ("ansi", "unix", "dotnet", "windows"); null picks the platform's default.</summary>
    public string? DriverName { get; init; }

    /// <summary>
    /// An application to run in, for tests (Terminal.Gui's <c>Application.Create(new VirtualTimeProvider())</c>).
    /// <see cref="TuiApp.Run"/> initializes it when needed but leaves disposing it to the caller. Null: a new one, disposed on exit.
    /// </summary>
    public IApplication? Application { get; init; }

    /// <summary>
    /// Where detail screens read SSM data and send instance actions. Null: <see cref="TuiApp.Run"/> builds one on the AWS
    /// SDK when the client is an HTTP <see cref="PatchLab.Client.LabClient"/>; otherwise the details say they are not available.
    /// </summary>
    public IDashboardData? Data { get; init; }

    /// <summary>
    /// The SSM calls of the Commands and Baselines views and of the forms. Null: <see cref="TuiApp.Run"/> builds one on the
    /// AWS SDK when the client is an HTTP <see cref="PatchLab.Client.LabClient"/>; otherwise those views say they are not available.
    /// </summary>
    public ISsmConsole? Ssm { get; init; }

    /// <summary>
    /// Main-loop iterations per second (Terminal.Gui's <c>Application.MaximumIterationsPerSecond</c>, 25 by default). A
    /// key is handled at the end of one iteration and painted in the next, after the loop's sleep: at 25 that wait alone
    /// is up to 40 ms of the 50 ms issue 6 allows a key. An iteration with nothing to paint costs microseconds, so 60
    /// keeps a key within a 17 ms tick. Null leaves the process-wide setting as it is.
    /// </summary>
    public ushort? IterationsPerSecond { get; init; } = DefaultIterationsPerSecond;

    /// <summary>The dashboard's main-loop rate unless set otherwise.</summary>
    public const ushort DefaultIterationsPerSecond = 60;

    /// <summary>Drives the poll timer and its backoff; null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>A copy reading through <paramref name="data"/>.</summary>
    internal TuiOptions With(IDashboardData data, ISsmConsole? ssm) => new()
    {
        EmulatorUrl = EmulatorUrl,
        RefreshInterval = RefreshInterval,
        ReadOnly = ReadOnly,
        DriverName = DriverName,
        IterationsPerSecond = IterationsPerSecond,
        Application = Application,
        Data = data,
        Ssm = ssm,
        TimeProvider = TimeProvider,
    };
}
