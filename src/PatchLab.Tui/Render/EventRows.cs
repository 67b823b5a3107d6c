using System.Globalization;
using PatchLab.Tui.Models;

namespace PatchLab.Tui.Render;

/// <summary>Rows of the event log, oldest first (the view follows the newest at the bottom).</summary>
public static class EventRows
{
    /// <summary>Column headers.</summary>
    public static readonly IReadOnlyList<string> Headers = ["TIME", "KIND", "MESSAGE"];

    /// <summary>
    /// One row per event in the given order. Events carry no id, so the key is time, kind and message plus an
    /// occurrence number for exact repeats: stable as long as the emulator keeps the event.
    /// </summary>
    public static TableRows Build(IReadOnlyList<EventItem> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<TableRow>(events.Count);
        foreach (EventItem e in events)
        {
            string baseKey = e.Time.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + e.Kind + "|" + e.Message;
            int n = seen.TryGetValue(baseKey, out int count) ? count + 1 : 0;
            seen[baseKey] = n;
            rows.Add(new TableRow(baseKey + "#" + n.ToString(CultureInfo.InvariantCulture),
                [Format.Time(e.Time), e.Kind, e.Message]));
        }

        return new TableRows(Headers, rows);
    }

    /// <summary>
    /// The events that mention an instance, by id or by name as a whole word ("web-1" is not found in "web-10"), in order.
    /// </summary>
    public static IReadOnlyList<EventItem> Mentioning(IReadOnlyList<EventItem> events, string instanceId, string? name)
    {
        ArgumentNullException.ThrowIfNull(events);
        string[] words = string.IsNullOrEmpty(name) ? [instanceId] : [instanceId, name];
        return [.. events.Where(e => words.Any(w => ContainsWord(e.Message, w)))];
    }

    private static bool ContainsWord(string text, string word)
    {
        for (int at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.Ordinal))
        {
            int end = at + word.Length;
            if ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '-' or '_';
}
