using System.Text.Json;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>The maintenance-window operations of issue 3 driven by the real AWS CLI v2 (/usr/bin/aws), as a user would.</summary>
public sealed class WindowCliTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private Task<(int Exit, string Stdout, string Stderr)> SsmAsync(params string[] args) => CliRunner.SsmAsync(_emu.Endpoint, args);

    private async Task<string> CreateWindowAsync(string schedule)
    {
        var (exit, stdout, stderr) = await SsmAsync("create-maintenance-window", "--name", "Cli-Window", "--schedule", schedule, "--duration", "2", "--cutoff", "1",
            "--no-allow-unassociated-targets", "--description", "made by the CLI");
        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("WindowId").GetString()!;
    }

    [Fact]
    public async Task UpdateMaintenanceWindow_WithReplace_NamesTheMissingFields_AndClearsOptionalOnes()
    {
        var id = await CreateWindowAsync("cron(0 2 ? * SUN *)");

        var refused = await SsmAsync("update-maintenance-window", "--window-id", id, "--replace", "--name", "Cli-Replaced");
        var replaced = await SsmAsync("update-maintenance-window", "--window-id", id, "--replace", "--name", "Cli-Replaced", "--schedule", "rate(7 days)",
            "--duration", "3", "--cutoff", "2", "--allow-unassociated-targets");
        var got = await SsmAsync("get-maintenance-window", "--window-id", id);

        Assert.Equal(254, refused.Exit);
        Assert.Contains("An error occurred (ValidationException) when calling the UpdateMaintenanceWindow operation: 4 validation errors detected: Value null at 'schedule'",
            refused.Stderr, StringComparison.Ordinal);
        Assert.True(replaced.Exit == 0, replaced.Stderr);
        var window = JsonDocument.Parse(got.Stdout).RootElement;
        Assert.Equal("rate(7 days)", window.GetProperty("Schedule").GetString());
        Assert.False(window.TryGetProperty("Description", out _));
        Assert.True(window.GetProperty("AllowUnassociatedTargets").GetBoolean());
    }

    [Fact]
    public async Task DescribeMaintenanceWindowSchedule_AutoPaginatesToTheHorizon_ForAnOpenEndedRateWindow()
    {
        var id = await CreateWindowAsync("rate(5 minutes)");

        var (exit, stdout, stderr) = await SsmAsync("describe-maintenance-window-schedule", "--window-id", id);

        Assert.True(exit == 0, stderr);
        var runs = JsonDocument.Parse(stdout).RootElement.GetProperty("ScheduledWindowExecutions").EnumerateArray()
            .Select(r => r.GetProperty("ExecutionTime").GetString()!).ToList();
        // The CLI follows NextToken page after page; PatchLab lists the next 100 runs of an open-ended window [U].
        Assert.Equal(100, runs.Count);
        Assert.Equal(runs.Distinct().Count(), runs.Count);
        Assert.All(runs, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", r));
    }

    [Fact]
    public async Task DeregisterTargetFromMaintenanceWindow_WithSafe_ExitsWithTargetInUse()
    {
        var id = await CreateWindowAsync("cron(0 2 ? * SUN *)");
        var target = await SsmAsync("register-target-with-maintenance-window", "--window-id", id, "--resource-type", "INSTANCE",
            "--targets", "Key=tag:Environment,Values=Production");
        var targetId = JsonDocument.Parse(target.Stdout).RootElement.GetProperty("WindowTargetId").GetString()!;
        var task = await SsmAsync("register-task-with-maintenance-window", "--window-id", id, "--task-type", "RUN_COMMAND", "--task-arn", "AWS-RunPatchBaseline",
            "--targets", $"Key=WindowTargetIds,Values={targetId}", "--max-concurrency", "5", "--max-errors", "1",
            "--task-invocation-parameters", """{"RunCommand":{"Parameters":{"Operation":["Install"]},"TimeoutSeconds":600}}""");
        Assert.True(task.Exit == 0, task.Stderr);

        var safe = await SsmAsync("deregister-target-from-maintenance-window", "--window-id", id, "--window-target-id", targetId, "--safe");
        var forced = await SsmAsync("deregister-target-from-maintenance-window", "--window-id", id, "--window-target-id", targetId);

        Assert.Equal(254, safe.Exit);
        Assert.Contains("An error occurred (TargetInUseException) when calling the DeregisterTargetFromMaintenanceWindow operation", safe.Stderr, StringComparison.Ordinal);
        Assert.True(forced.Exit == 0, forced.Stderr);
        Assert.Equal(targetId, JsonDocument.Parse(forced.Stdout).RootElement.GetProperty("WindowTargetId").GetString());
    }
}
