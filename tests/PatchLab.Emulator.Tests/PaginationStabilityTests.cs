using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;

namespace PatchLab.Emulator.Tests;

/// <summary>Pages stay exact while the list changes between calls (issue 8): no item twice, none skipped.</summary>
public sealed class PaginationStabilityTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    [Fact]
    public async Task DescribeMaintenanceWindows_NextPage_StartsAfterTheLastItem_WhenAnEarlierWindowIsDeleted()
    {
        var ids = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            ids.Add((await _emu.Ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
            {
                Name = $"page-{i:00}", Schedule = "cron(0 2 ? * SUN *)", Duration = 2, Cutoff = 1, AllowUnassociatedTargets = true,
            })).WindowId);
        }

        var first = await _emu.Ssm.DescribeMaintenanceWindowsAsync(new DescribeMaintenanceWindowsRequest { MaxResults = 10 });
        await _emu.Ssm.DeleteMaintenanceWindowAsync(new DeleteMaintenanceWindowRequest { WindowId = first.WindowIdentities[0].WindowId });
        var second = await _emu.Ssm.DescribeMaintenanceWindowsAsync(new DescribeMaintenanceWindowsRequest { MaxResults = 10, NextToken = first.NextToken });
        var third = await _emu.Ssm.DescribeMaintenanceWindowsAsync(new DescribeMaintenanceWindowsRequest { MaxResults = 10, NextToken = second.NextToken });

        Assert.Equal(ids, first.WindowIdentities.Concat(second.WindowIdentities).Concat(third.WindowIdentities).Select(w => w.WindowId));
        Assert.True(string.IsNullOrEmpty(third.NextToken));
    }

    [Fact]
    public async Task ListCommands_PagesEveryCommandOnce_WhileNewCommandsArrive()
    {
        async Task<string> SendAsync(int n) => (await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", Comment = $"c{n}", Targets = [new Target { Key = "tag:Nobody", Values = ["none"] }],
            Parameters = new Dictionary<string, List<string>> { ["commands"] = ["true"] },
        })).Command.CommandId;
        var before = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            before.Add(await SendAsync(i));
        }

        var seen = new List<string>();
        string? token = null;
        var n = 100;
        do
        {
            var page = await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { MaxResults = 2, NextToken = token });
            seen.AddRange(page.Commands.Select(c => c.CommandId));
            token = page.NextToken;
            await SendAsync(n++); // lands at the front of the newest-first list, behind the pages already read
        }
        while (!string.IsNullOrEmpty(token));

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(before.Order(), seen.Intersect(before).Order());
    }
}
