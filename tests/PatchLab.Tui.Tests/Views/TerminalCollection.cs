namespace PatchLab.Tui.Tests.Views;

/// <summary>
/// Tests that run Terminal.Gui: they set the process-wide DisableRealDriverIO variable and Terminal.Gui keeps
/// some static configuration, so they never run in parallel with each other (Terminal.Gui Tests/README.md).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TerminalCollection
{
    public const string Name = "Terminal";
}
