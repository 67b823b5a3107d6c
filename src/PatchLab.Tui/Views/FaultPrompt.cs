using PatchLab.Client;
using PatchLab.Contracts.Lab;

namespace PatchLab.Tui.Views;

/// <summary>
/// The <c>:fault KIND [DURATION] [PATCH]</c> command line (issue 7): injects a fault on the marked instances, or the
/// selected one (engine-restart takes none). Pure parsing, tested without a terminal.
/// </summary>
public static class FaultPrompt
{
    /// <summary>The usage line shown on a mistake.</summary>
    public static readonly string Usage = $":fault KIND [DURATION] [PATCH], KIND one of {string.Join(", ", FaultApi.Kinds)}";

    /// <summary>True when <paramref name="text"/> is a <c>:fault</c> command (right or wrong).</summary>
    public static bool IsFault(string? text) =>
        (text ?? "").Trim().TrimStart(':').Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var verb, ..]
        && verb.Equals("fault", StringComparison.OrdinalIgnoreCase);

    /// <summary>The spec asked for, without targets, or the reason it is not one.</summary>
    public static (FaultSpec? Spec, string? Error) Parse(string? text)
    {
        string[] words = (text ?? "").Trim().TrimStart(':').Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !FaultApi.Kinds.Contains(words[1]))
        {
            return (null, words.Length < 2 ? $"which fault? {Usage}" : $"unknown fault kind '{words[1]}': {Usage}");
        }

        var spec = new FaultSpec { Kind = words[1] };
        foreach (string word in words.Skip(2))
        {
            if (spec.Duration is null && FaultDurations.TryParse(word, out TimeSpan duration))
            {
                spec.Duration = duration;
            }
            else if (spec.Patch is null && spec.Kind == FaultApi.PatchInstallFailure)
            {
                spec.Patch = word;
            }
            else
            {
                return (null, $"'{word}' is neither a duration (10m, 2h) nor a patch for {spec.Kind}: {Usage}");
            }
        }

        return (spec, null);
    }
}
