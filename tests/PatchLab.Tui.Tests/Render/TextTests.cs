using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

/// <summary>Small text helpers: toned lines, tones, formats, events about an instance.</summary>
public sealed class TextTests
{
    [Fact]
    public void StyledLine_Truncate_CutsAcrossSpans_AndEndsWithAnEllipsis()
    {
        StyledLine line = StyledLine.Of(new TextSpan("abc", Tone.Good), new TextSpan("defg", Tone.Bad));

        Assert.Same(line, line.Truncate(7));
        Assert.Equal("abcd…", line.Truncate(5).Text);
        Assert.Equal([Tone.Good, Tone.Bad, Tone.Bad], line.Truncate(5).Spans.Select(s => s.Tone));
        Assert.Equal("…", line.Truncate(1).Text);
    }

    [Theory]
    [InlineData("Success", Tone.Good)]
    [InlineData("COMPLIANT", Tone.Good)]
    [InlineData("NON_COMPLIANT", Tone.Bad)]
    [InlineData("ConnectionLost", Tone.Bad)]
    [InlineData("IN_PROGRESS", Tone.Busy)]
    [InlineData("Cancelled", Tone.Warn)]
    [InlineData("Missing", Tone.Warn)]
    [InlineData("web-1", Tone.Normal)]
    [InlineData(null, Tone.Normal)]
    public void Tones_ReadStatusWords(string? status, Tone expected) => Assert.Equal(expected, Tones.Of(status));

    [Theory]
    [InlineData("arn:aws:ssm:us-east-1:123456789012:patchbaseline/pb-0be8c61cde3be63f3", "pb-0be8c61cde3be63f3")]
    [InlineData("pb-0123", "pb-0123")]
    [InlineData("", "-")]
    [InlineData(null, "-")]
    public void Format_Baseline_DropsTheArnPrefix(string? id, string expected) => Assert.Equal(expected, Format.Baseline(id));

    [Fact]
    public void Format_Targets_ReadsAsSsmSpellsThem()
    {
        Assert.Equal("tag:env=prod,test and InstanceIds=i-1", Format.Targets([new TargetItem("tag:env", ["prod", "test"]), new TargetItem("InstanceIds", ["i-1"])]));
        Assert.Equal("-", Format.Targets([]));
    }

    [Fact]
    public void EventRows_Mentioning_FindsTheInstanceByIdOrWholeName()
    {
        DateTimeOffset t = DateTimeOffset.UnixEpoch;
        EventItem[] events =
        [
            new(t, "fleet", "Launched i-0123456789abcdef0 (web-1)"),
            new(t, "fleet", "web-10 lost connection"),
            new(t, "command", "Sent AWS-RunPatchBaseline to web-1"),
            new(t, "agent", "db-1 registered"),
        ];

        IReadOnlyList<EventItem> found = EventRows.Mentioning(events, "i-0123456789abcdef0", "web-1");

        Assert.Equal([events[0], events[2]], found);
        Assert.Single(EventRows.Mentioning(events, "i-0123456789abcdef0", ""));
    }

    [Fact]
    public void StatusSummary_FleetCompact_CountsOnlineInstances() =>
        Assert.Equal("2/3 Online", StatusSummary.FleetCompact(
            [new InstanceItem { InstanceId = "a", PingStatus = "Online" }, new InstanceItem { InstanceId = "b", PingStatus = "Online" }, new InstanceItem { InstanceId = "c" }]));
}
