using PatchLab.Tui.Models;

namespace PatchLab.Tui.Views;

/// <summary>What a screen may ask of the dashboard around it.</summary>
internal interface IScreenHost
{
    /// <summary>SSM reads and instance actions.</summary>
    IDashboardData Data { get; }

    /// <summary>The latest poll, null before the first.</summary>
    DashboardSnapshot? Snapshot { get; }

    /// <summary>Mutating keys are hidden.</summary>
    bool ReadOnly { get; }

    /// <summary>Runs <paramref name="action"/> on the UI thread (dropped once the dashboard is gone).</summary>
    void Post(Action action);

    /// <summary>Shows a message on the flash line for a while.</summary>
    void Flash(string text);

    /// <summary>Opens a detail screen over the current one (Esc comes back).</summary>
    void Open(Screen screen);

    /// <summary>Shows the executions page with <paramref name="windowExecutionId"/> selected.</summary>
    void ShowExecution(string windowExecutionId);

    /// <summary>The keys that apply changed (focus moved between tables): repaint the status bar.</summary>
    void KeysChanged();

    /// <summary>The SSM calls of the Commands and Baselines views and of the forms; null when the dashboard has no SSM endpoint.</summary>
    ISsmConsole? Ssm { get; }

    /// <summary>Cancelled when the dashboard quits.</summary>
    CancellationToken Stopping { get; }

    /// <summary>Asks <paramref name="question"/> on the flash line; <paramref name="yes"/> runs when the user answers y.</summary>
    void Confirm(string question, Action yes);

    /// <summary>
    /// Runs a change in the background: flashes what it returns ("✓ …") or the emulator's error, then refreshes the
    /// dashboard so the change shows.
    /// </summary>
    void RunAction(string label, Func<CancellationToken, Task<string>> action);

    /// <summary>Closes <paramref name="screen"/> when it is the one on top (a form after it was sent).</summary>
    void Close(Screen screen);

    /// <summary>Polls the emulator now (after a change).</summary>
    void RefreshNow();
}
