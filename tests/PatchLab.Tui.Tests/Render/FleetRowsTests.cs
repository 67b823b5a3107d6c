using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class FleetRowsTests
{
    private static readonly InstanceItem Reported = new()
    {
        InstanceId = "i-0123456789abcdef0", Name = "web-1", Os = "AmazonLinux2", PingStatus = "Online",
        Tags = [new("role", "web"), new("env", "prod")],
        Installed = 412, Missing = 3, Failed = 1, PendingReboot = 2, Compliance = "NON_COMPLIANT",
    };

    public static TheoryData<string, InstanceItem, string[]> Cases => new()
    {
        // a reported instance: counts as numbers, tags k=v sorted by key
        { "reported", Reported,
            ["i-0123456789abcdef0", "web-1", "Online", "412", "3", "1", "2", "NON_COMPLIANT", "AmazonLinux2", "env=prod,role=web"] },
        // before its first patch report: counts and compliance are unknown, not zero
        { "never reported", new InstanceItem { InstanceId = "i-1", Name = "db-1", Os = "AmazonLinux2", PingStatus = "ConnectionLost" },
            ["i-1", "db-1", "ConnectionLost", "-", "-", "-", "-", "-", "AmazonLinux2", ""] },
        // empty strings from the emulator read as unknown
        { "blank", new InstanceItem { InstanceId = "i-2" },
            ["i-2", "", "-", "-", "-", "-", "-", "-", "-", ""] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Build_RendersOneRowPerInstance(string because, InstanceItem instance, string[] expected)
    {
        TableRows rows = FleetRows.Build([instance]);

        TableRow row = Assert.Single(rows.Rows);
        Assert.True(expected.SequenceEqual(row.Cells), $"{because}: got [{string.Join(", ", row.Cells)}]");
        Assert.Equal(instance.InstanceId, row.Key);
        Assert.Equal(rows.Headers.Count, row.Cells.Count);
    }

    [Fact]
    public void Build_KeepsEmulatorOrder_AndNamesColumns()
    {
        TableRows rows = FleetRows.Build([Reported with { InstanceId = "i-b" }, Reported with { InstanceId = "i-a" }]);

        Assert.Equal(["i-b", "i-a"], rows.Rows.Select(r => r.Key));
        Assert.Equal("COMPLIANCE", rows.Headers[7]);
        Assert.Equal("3", rows.Cell(0, "MISS"));
        Assert.Equal("2", rows.Cell(1, "REBOOT"));
    }
}
