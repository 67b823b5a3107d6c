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
}
