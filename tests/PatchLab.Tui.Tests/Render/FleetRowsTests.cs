using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Tests.Render;

public sealed class FleetRowsTests
{
    private static readonly InstanceItem Reported = new()
    {
        InstanceId = "i-0123456789abcdef0", Name = "web-1", Os = "AmazonLinux2", PingStatus = "Online", State = "running",
        Tags = [new("role", "web"), new("env", "prod")], PatchGroup = "web",
        BaselineId = "arn:aws:ssm:us-east-1:123456789012:patchbaseline/pb-0be8c61cde3be63f3",
        Installed = 412, Missing = 3, Failed = 1, PendingReboot = 2, Compliance = "NON_COMPLIANT",
    };

    public static TheoryData<string, InstanceItem, string[]> Cases => new()
    {
        // a reported instance: group, compliance and what is missing first; the baseline without its ARN prefix
        { "reported", Reported,
            ["i-0123456789abcdef0", "web-1", "Online", "running", "web", "NON_COMPLIANT", "3", "1", "2", "412", "pb-0be8c61cde3be63f3", "AmazonLinux2", "env=prod,role=web"] },
        // before its first patch report: counts, compliance and baseline are unknown, not zero
        { "never reported", new InstanceItem { InstanceId = "i-1", Name = "db-1", Os = "AmazonLinux2", PingStatus = "ConnectionLost", State = "stopped" },
            ["i-1", "db-1", "ConnectionLost", "stopped", "-", "-", "-", "-", "-", "-", "-", "AmazonLinux2", ""] },
        // empty strings from the emulator read as unknown
        { "blank", new InstanceItem { InstanceId = "i-2" },
            ["i-2", "", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-", ""] },
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
        Assert.Equal("COMPLIANCE", rows.Headers[5]);
        Assert.Equal("3", rows.Cell(0, "MISS"));
        Assert.Equal("2", rows.Cell(1, "REBOOT"));
        Assert.Equal("web", rows.Cell(1, "GROUP"));
    }

    [Fact]
    public void Build_WithMarks_AddsABlankHeadedMarkColumn()
    {
        TableRows rows = FleetRows.Build([Reported with { InstanceId = "i-a" }, Reported with { InstanceId = "i-b" }], new HashSet<string> { "i-b" });

        Assert.Equal("", rows.Headers[0]);
        Assert.Equal(["", FleetRows.Mark], rows.Rows.Select(r => r.Cells[0]));
        Assert.Equal("i-b", rows.Cell(1, "INSTANCE"));
    }

    [Fact]
    public void Build_CarriesTheTags_ForTagFilters()
    {
        TableRow row = Assert.Single(FleetRows.Build([Reported]).Rows);

        Assert.Equal("prod", row.Tags!["env"]);
        Assert.Equal("web", row.Tags["role"]);
    }
}
