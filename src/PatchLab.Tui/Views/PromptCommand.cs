namespace PatchLab.Tui.Views;

/// <summary>What a line typed after <c>:</c> asks for.</summary>
public enum PromptCommand
{
    /// <summary>Not a command.</summary>
    Unknown,
    /// <summary>fleet, fl.</summary>
    Fleet,
    /// <summary>windows, mw.</summary>
    Windows,
    /// <summary>executions, ex.</summary>
    Executions,
    /// <summary>events, ev.</summary>
    Events,
    /// <summary>compliance, co.</summary>
    Compliance,
    /// <summary>commands, cmd.</summary>
    Commands,
    /// <summary>baselines, pb.</summary>
    Baselines,
    /// <summary>help, h, ?.</summary>
    Help,
    /// <summary>quit, q.</summary>
    Quit,
}
