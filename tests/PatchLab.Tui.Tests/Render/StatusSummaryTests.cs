using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class StatusSummaryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 2, 0, 13, TimeSpan.Zero);

    [Theory]
    [InlineData(60, false, "2026-12-06 02:00:13Z x60")]
    [InlineData(1, true, "2026-12-06 02:00:13Z x1 PAUSED")]
    [InlineData(0.5, false, "2026-12-06 02:00:13Z x0.5")]
    public void Clock_ShowsTimeSpeedAndPause(double speed, bool paused, string expected) =>
        Assert.Equal(expected, StatusSummary.Clock(new ClockState(Now, speed, paused)));

    public static TheoryData<string[], string> Fleets => new()
    {
        // an empty lab still shows both counts
        { [], "Online 0  ConnectionLost 0" },
        { ["Online", "Online", "ConnectionLost"], "Online 2  ConnectionLost 1" },
        // other statuses follow, by name
        { ["Online", "Inactive", "", "Inactive"], "Online 1  ConnectionLost 0  Inactive 2  Unknown 1" },
    };

    [Theory]
    [MemberData(nameof(Fleets))]
    public void Fleet_CountsInstancesByPingStatus(string[] pings, string expected) =>
        Assert.Equal(expected, StatusSummary.Fleet([.. pings.Select((p, i) => new InstanceItem { InstanceId = $"i-{i}", PingStatus = p })]));

    [Fact]
    public void Build_JoinsClockAndFleet()
    {
        var snapshot = new DashboardSnapshot
        {
            Clock = new ClockState(Now, 60, Paused: true),
            Instances = [new InstanceItem { InstanceId = "i-1", PingStatus = "Online" }],
        };

        Assert.Equal("2026-12-06 02:00:13Z x60 PAUSED │ Online 1  ConnectionLost 0", StatusSummary.Build(snapshot));
    }
}
