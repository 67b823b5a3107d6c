using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>Maintenance-window operations through the real AWS SDK for .NET.</summary>
public sealed class WindowApiTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private static CreateMaintenanceWindowRequest SeedWindow(string name = "Weekly-EC2-Patching-Prod") => new()
    {
        Name = name, Schedule = "cron(0 2 ? * SUN *)", Duration = 2, Cutoff = 1, AllowUnassociatedTargets = false,
        StartDate = "2023-10-29T02:00:00Z", Tags = [new Tag { Key = "Project", Value = "SecurityPatching" }],
    };

    [Fact]
    public async Task CreateMaintenanceWindow_ReturnsWindowIdAndGetEchoesFields_WhenSeedWindowIsValid()
    {
        var created = await _emu.Ssm.CreateMaintenanceWindowAsync(SeedWindow());
        Assert.Matches("^mw-[0-9a-f]{17}$", created.WindowId);

        var got = await _emu.Ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = created.WindowId });
        Assert.Equal("Weekly-EC2-Patching-Prod", got.Name);
        Assert.Equal("2023-10-29T02:00:00Z", got.StartDate); // echoed verbatim
        Assert.True(got.Enabled);
        Assert.Null(got.ScheduleTimezone); // never echo a default "UTC"
        Assert.Equal(2, got.Duration);
        Assert.Equal(1, got.Cutoff);
        // Next Sunday 02:00 UTC after the emulator's now, minute precision as AWS formats it.
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T02:00Z$", got.NextExecutionTime);
        var next = DateTimeOffset.Parse(got.NextExecutionTime.Replace("Z", ":00Z", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DayOfWeek.Sunday, next.UtcDateTime.DayOfWeek);

        var tags = await _emu.Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = "MaintenanceWindow", ResourceId = created.WindowId });
        Assert.Equal("SecurityPatching", Assert.Single(tags.TagList).Value);
    }

    [Theory]
    // Framework validation: AWS's wording with the lowerCamelCase member path.
    [InlineData(25, 1, "cron(0 2 ? * SUN *)", "Value '25' at 'duration' failed to satisfy constraint: Member must have value less than or equal to 24")]
    // Cutoff must be smaller than Duration; the message says which values are valid.
    [InlineData(2, 2, "cron(0 2 ? * SUN *)", "use a cutoff from 0 to 1 hours")]
    // The seed's "?" rule: exactly one of day-of-month / day-of-week is '?'.
    [InlineData(2, 1, "cron(0 2 * * SUN *)", "exactly one of day-of-month and day-of-week must be '?'")]
    // rate(1 hours): 1 takes the singular.
    [InlineData(2, 1, "rate(1 hours)", "rate(1 hour)")]
    public async Task CreateMaintenanceWindow_RefusesWithValidationException_WhenInputIsInvalid(int duration, int cutoff, string schedule, string expected)
    {
        var req = SeedWindow();
        req.Duration = duration;
        req.Cutoff = cutoff;
        req.Schedule = schedule;
        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.CreateMaintenanceWindowAsync(req));
        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public async Task CreateMaintenanceWindow_IsIdempotent_WhenClientTokenRepeats()
    {
        var req = SeedWindow();
        req.ClientToken = Guid.NewGuid().ToString();
        var a = await _emu.Ssm.CreateMaintenanceWindowAsync(req);
        var b = await _emu.Ssm.CreateMaintenanceWindowAsync(req);
        Assert.Equal(a.WindowId, b.WindowId);
        req.Duration = 3;
        var e = await Assert.ThrowsAsync<IdempotentParameterMismatchException>(() => _emu.Ssm.CreateMaintenanceWindowAsync(req));
        Assert.Contains("ClientToken", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterTaskWithMaintenanceWindow_RefusesTagTargets_WithTheHintToUseAWindowTarget()
    {
        var w = await _emu.Ssm.CreateMaintenanceWindowAsync(SeedWindow());
        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunPatchBaseline", Priority = 10,
            Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }], MaxConcurrency = "5", MaxErrors = "1",
        }));
        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.StartsWith("tag:Environment is an invalid window task target type, use WindowTargetIds or InstanceIds.", e.Message, StringComparison.Ordinal);
        Assert.Contains("register-target-with-maintenance-window", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterTask_AcceptsWindowTargetIds_AndDescribeListsTargetAndTask()
    {
        var w = await _emu.Ssm.CreateMaintenanceWindowAsync(SeedWindow());
        var t = await _emu.Ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, ResourceType = MaintenanceWindowResourceType.INSTANCE, Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }],
        });
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", t.WindowTargetId); // bare UUID, no mwt- prefix
        var task = await _emu.Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunPatchBaseline", Priority = 10, Name = "Patch-EC2-Prod",
            Targets = [new Target { Key = "WindowTargetIds", Values = [t.WindowTargetId] }], MaxConcurrency = "5", MaxErrors = "1",
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters
                {
                    DocumentVersion = "1", Parameters = new() { ["Operation"] = ["Install"], ["RebootOption"] = ["RebootIfNeeded"] },
                },
            },
        });
        var targets = await _emu.Ssm.DescribeMaintenanceWindowTargetsAsync(new DescribeMaintenanceWindowTargetsRequest { WindowId = w.WindowId });
        Assert.Equal("tag:Environment", Assert.Single(Assert.Single(targets.Targets).Targets).Key);
        var tasks = await _emu.Ssm.DescribeMaintenanceWindowTasksAsync(new DescribeMaintenanceWindowTasksRequest { WindowId = w.WindowId });
        var only = Assert.Single(tasks.Tasks);
        Assert.Equal(task.WindowTaskId, only.WindowTaskId);
        Assert.Equal("5", only.MaxConcurrency);
        Assert.Equal(10, only.Priority);
    }

    [Theory]
    [InlineData("WindowTargetIds", "00000000-0000-0000-0000-000000000000", "DoesNotExistException")]
    [InlineData("InstanceIds", "i-0123456789abcdef0", "ValidationException")] // the window does not allow unassociated targets
    public async Task RegisterTask_Refuses_WhenTargetsAreNotAllowed(string key, string value, string code)
    {
        var w = await _emu.Ssm.CreateMaintenanceWindowAsync(SeedWindow());
        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = w.WindowId, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunPatchBaseline",
            Targets = [new Target { Key = key, Values = [value] }], MaxConcurrency = "5", MaxErrors = "1",
        }));
        Assert.Equal(code, e.ErrorCode);
    }

    [Fact]
    public async Task Windows_SurviveAnEmulatorRestart()
    {
        var w = await _emu.Ssm.CreateMaintenanceWindowAsync(SeedWindow("Survivor"));
        var dir = _emu.StateDirectory;
        await _emu.StopAsync();
        _emu = await EmulatorFixture.StartAsync(stateDir: dir);
        var got = await _emu.Ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = w.WindowId });
        Assert.Equal("Survivor", got.Name);
    }

    [Fact]
    public async Task DescribeMaintenanceWindows_Paginates_WithNextToken()
    {
        for (var i = 0; i < 12; i++)
        {
            await _emu.Ssm.CreateMaintenanceWindowAsync(SeedWindow($"Page-{i:00}"));
        }
        var first = await _emu.Ssm.DescribeMaintenanceWindowsAsync(new DescribeMaintenanceWindowsRequest { MaxResults = 10 });
        Assert.Equal(10, first.WindowIdentities.Count);
        Assert.False(string.IsNullOrEmpty(first.NextToken));
        var second = await _emu.Ssm.DescribeMaintenanceWindowsAsync(new DescribeMaintenanceWindowsRequest { MaxResults = 10, NextToken = first.NextToken });
        Assert.Equal(2, second.WindowIdentities.Count);
        Assert.True(string.IsNullOrEmpty(second.NextToken));
        Assert.Empty(first.WindowIdentities.Select(w => w.WindowId).Intersect(second.WindowIdentities.Select(w => w.WindowId)));
    }
}
