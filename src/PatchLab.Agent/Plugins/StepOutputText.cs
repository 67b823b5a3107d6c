namespace PatchLab.Agent.Plugins;

/// <summary>Output limits of GetCommandInvocation: StandardOutputContent 24,000 characters, StandardErrorContent 8,000.</summary>
internal static class StepOutputText
{
    public const int MaxOutput = 24000;
    public const int MaxError = 8000;

    public static string Cap(string text, int max) => text.Length <= max ? text : text[..max];
}
