namespace PatchLab.Tui.Views;

/// <summary>The dashboard's pages, switched with the keys 1 to 5 or the command line.</summary>
public enum DashboardPage
{
    /// <summary>Managed instances (key 1, :fleet).</summary>
    Fleet,
    /// <summary>Maintenance windows (key 2, :windows).</summary>
    Windows,
    /// <summary>Window executions and their invocations (key 3, :executions).</summary>
    Executions,
    /// <summary>The emulator's event log (key 4, :events).</summary>
    Events,
    /// <summary>Patch compliance by group and severity (key 5, :compliance).</summary>
    Compliance,
    /// <summary>Run Command commands and their invocations (key 6, :commands).</summary>
    Commands,
    /// <summary>Patch baselines (key 7, :baselines).</summary>
    Baselines,
}
