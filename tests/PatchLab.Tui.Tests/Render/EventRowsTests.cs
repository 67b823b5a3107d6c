using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class EventRowsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 13, TimeSpan.Zero);

    [Fact]
    public void Build_KeepsOrder_NewestLast()
    {
        TableRows rows = EventRows.Build(
        [
            new EventItem(Now.AddMinutes(-1), "window", "patch-weekly started"),
            new EventItem(Now, "command", "AWS-RunPatchBaseline sent"),
        ]);

        Assert.Equal(["TIME", "KIND", "MESSAGE"], rows.Headers);
        Assert.Equal(["12-06 01:59:13", "window", "patch-weekly started"], rows.Rows[0].Cells);
        Assert.Equal(["12-06 02:00:13", "command", "AWS-RunPatchBaseline sent"], rows.Rows[1].Cells);
    }

    [Fact]
    public void Build_GivesRepeatedEventsDistinctKeys_SoTheSelectionCanFollowOne()
    {
        var same = new EventItem(Now, "agent", "heartbeat");

        TableRows rows = EventRows.Build([same, same, new EventItem(Now, "agent", "other")]);

        Assert.Equal(3, rows.Rows.Select(r => r.Key).Distinct().Count());
        Assert.Equal(rows.Rows[1].Key, EventRows.Build([same, same]).Rows[1].Key);
    }
}
