using System.Text;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>The output screen's text: the invocation's status, then each plugin with its exit code, stdout and stderr.</summary>
public static class OutputText
{
    /// <summary>Plain text, one line per line of output.</summary>
    public static string Build(InvocationOutput? output)
    {
        if (output is null)
        {
            return "loading…";
        }

        if (output.Invocation.Unavailable is { } why)
        {
            return why;
        }

        if (output.Invocation.Items.Count == 0)
        {
            return $"No invocation of command {output.CommandId} on {output.InstanceId}.";
        }

        var text = new StringBuilder();
        foreach (CommandInvocationItem invocation in output.Invocation.Items)
        {
            text.Append($"{invocation.DocumentName} on {invocation.InstanceId} · {invocation.Status}");
            if (!string.IsNullOrEmpty(invocation.StatusDetails) && invocation.StatusDetails != invocation.Status)
            {
                text.Append($" ({invocation.StatusDetails})");
            }

            text.Append($" · command {invocation.CommandId} · requested {Format.Time(invocation.Requested)}\n");
            if (invocation.Plugins.Count == 0)
            {
                text.Append("(no plugin output yet)\n");
            }

            foreach (PluginOutputItem plugin in invocation.Plugins)
            {
                string code = plugin.ResponseCode is { } c and >= 0 ? $" · exit {c}" : "";
                text.Append($"\n── {plugin.Name} · {Format.Text(plugin.Status)}{code} ──\n");
                text.Append(plugin.Output.Length == 0 ? "(no output)\n" : plugin.Output.TrimEnd('\n') + "\n");
                if (plugin.Error.Length > 0)
                {
                    text.Append("── stderr ──\n").Append(plugin.Error.TrimEnd('\n')).Append('\n');
                }
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// <paramref name="text"/> as lines of at most <paramref name="width"/> characters: long lines break at the last blank
    /// that fits, or mid-word when there is none; tabs become four blanks.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        width = Math.Max(1, width);
        var lines = new List<string>();
        foreach (string raw in text.Replace("\r", "", StringComparison.Ordinal).Replace("\t", "    ", StringComparison.Ordinal).Split('\n'))
        {
            string line = raw.TrimEnd();
            while (line.Length > width)
            {
                int cut = line.LastIndexOf(' ', width);
                cut = cut <= 0 ? width : cut;
                lines.Add(line[..cut].TrimEnd());
                line = line[cut..].TrimStart();
            }

            lines.Add(line);
        }

        return lines;
    }

    /// <summary>True when the invocation will not change any more (its output is final).</summary>
    public static bool IsFinal(InvocationOutput? output) =>
        output is { Invocation.IsAvailable: true } && output.Invocation.Items.Count > 0
        && output.Invocation.Items.All(i => i.Status is "Success" or "Failed" or "TimedOut" or "Cancelled");
}
