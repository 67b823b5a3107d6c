namespace PatchLab.Tui.Views;

/// <summary>A key and what it does, for the status bar and the help.</summary>
/// <param name="Key">Key as shown: "q", "Ctrl+Q", "Enter".</param>
/// <param name="Label">Short label for the status bar.</param>
/// <param name="Description">Sentence for the help.</param>
public sealed record KeyHint(string Key, string Label, string Description);
