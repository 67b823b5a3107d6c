namespace PatchLab.Tui.Models;

/// <summary>One plugin (document step) of a command invocation with its output.</summary>
public sealed record PluginOutputItem
{
    /// <summary>Step name: PatchLinux, aws:runShellScript, ...</summary>
    public required string Name { get; init; }
    /// <summary>Pending, InProgress, Success, Failed, ...</summary>
    public string Status { get; init; } = "";
    /// <summary>Exit code; -1 before it ends.</summary>
    public int? ResponseCode { get; init; }
    /// <summary>Standard output.</summary>
    public string Output { get; init; } = "";
    /// <summary>Standard error.</summary>
    public string Error { get; init; } = "";
}
