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

    /// <summary>Hide the clock actions (speed, pause, jump): a dashboard that only watches.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Terminal.Gui driver name ("ansi", "unix", "dotnet", "windows"); null picks the platform's default.</summary>
    public string? DriverName { get; init; }

    /// <summary>
    /// An application to run in, for tests (Terminal.Gui's <c>Application.Create(new VirtualTimeProvider())</c>).
    /// <see cref="TuiApp.Run"/> initializes it when needed but leaves disposing it to the caller. Null: a new one, disposed on exit.
    /// </summary>
    public IApplication? Application { get; init; }

    /// <summary>Drives the poll timer and its backoff; null for the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
