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
}
