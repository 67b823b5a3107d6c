using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using Dapper;
using PatchLab.Client;
using PatchLab.Contracts.Lab;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>Small builders and waits shared by the maintenance-window tests (all through the real SDK and the lab API).</summary>
internal static class WindowKit
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    public static async Task<string> CreateWindowAsync(IAmazonSimpleSystemsManagement ssm, string name = "Lab-Window", string schedule = "cron(0 2 ? * SUN *)",
        int duration = 2, int cutoff = 1, bool allowUnassociated = false, string? timezone = null)
    {
        var w = await ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
        {
            Name = name, Schedule = schedule, Duration = duration, Cutoff = cutoff, AllowUnassociatedTargets = allowUnassociated, ScheduleTimezone = timezone,
        });
        return w.WindowId;
    }

    public static async Task<string> RegisterTagTargetAsync(IAmazonSimpleSystemsManagement ssm, string windowId, string tagKey, string tagValue,
        string? owner = null)
    {
        var t = await ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = windowId, ResourceType = MaintenanceWindowResourceType.INSTANCE, Targets = [new Target { Key = $"tag:{tagKey}", Values = [tagValue] }],
            OwnerInformation = owner,
        });
        return t.WindowTargetId;
    }

    /// <summary>Registers an AWS-RunShellScript task (echo) on window targets or instance ids.</summary>
    public static async Task<string> RegisterShellTaskAsync(IAmazonSimpleSystemsManagement ssm, string windowId, Target target, int priority = 1,
        string maxConcurrency = "5", string maxErrors = "0", string? cutoffBehavior = null, int? timeoutSeconds = null, string? name = null)
    {
        var t = await ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = windowId, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunShellScript", Priority = priority, Name = name,
            Targets = [target], MaxConcurrency = maxConcurrency, MaxErrors = maxErrors,
            CutoffBehavior = cutoffBehavior is null ? null : new MaintenanceWindowTaskCutoffBehavior(cutoffBehavior),
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters { Parameters = new() { ["commands"] = ["echo patched"] }, TimeoutSeconds = timeoutSeconds },
            },
        });
        return t.WindowTaskId;
    }

    public static Target WindowTargets(params string[] ids) => new() { Key = "WindowTargetIds", Values = [.. ids] };

    public static Target InstanceIds(params string[] ids) => new() { Key = "InstanceIds", Values = [.. ids] };

    /// <summary>Jumps the lab clock to the window's next run and returns the execution it starts.</summary>
    public static async Task<MaintenanceWindowExecution> StartAsync(IAmazonSimpleSystemsManagement ssm, LabClient lab, string windowId)
    {
        var before = (await ssm.DescribeMaintenanceWindowExecutionsAsync(new DescribeMaintenanceWindowExecutionsRequest { WindowId = windowId }))
            .WindowExecutions.Select(e => e.WindowExecutionId).ToHashSet();
        await lab.JumpToNextExecutionAsync(windowId, CancellationToken.None);
        return await WaitForAsync(async () =>
            (await ssm.DescribeMaintenanceWindowExecutionsAsync(new DescribeMaintenanceWindowExecutionsRequest { WindowId = windowId }))
            .WindowExecutions.FirstOrDefault(e => !before.Contains(e.WindowExecutionId)), "the window to start an execution");
    }

    /// <summary>Waits until the execution leaves PENDING / IN_PROGRESS / CANCELLING.</summary>
    public static Task<GetMaintenanceWindowExecutionResponse> WaitEndedAsync(IAmazonSimpleSystemsManagement ssm, string executionId) =>
        WaitForAsync(async () =>
        {
            var e = await ssm.GetMaintenanceWindowExecutionAsync(new GetMaintenanceWindowExecutionRequest { WindowExecutionId = executionId });
            return e.Status is { } s && s != MaintenanceWindowExecutionStatus.PENDING && s != MaintenanceWindowExecutionStatus.IN_PROGRESS
                && s != MaintenanceWindowExecutionStatus.CANCELLING ? e : null;
        }, $"execution {executionId} to end");

    public static async Task<List<MaintenanceWindowExecutionTaskIdentity>> TasksAsync(IAmazonSimpleSystemsManagement ssm, string executionId) =>
        (await ssm.DescribeMaintenanceWindowExecutionTasksAsync(new DescribeMaintenanceWindowExecutionTasksRequest { WindowExecutionId = executionId }))
        .WindowExecutionTaskIdentities;

    /// <summary>Every invocation of every task of an execution.</summary>
    public static async Task<List<MaintenanceWindowExecutionTaskInvocationIdentity>> InvocationsAsync(IAmazonSimpleSystemsManagement ssm, string executionId)
    {
        var all = new List<MaintenanceWindowExecutionTaskInvocationIdentity>();
        foreach (var t in await TasksAsync(ssm, executionId))
        {
            all.AddRange((await ssm.DescribeMaintenanceWindowExecutionTaskInvocationsAsync(new DescribeMaintenanceWindowExecutionTaskInvocationsRequest
            {
                WindowExecutionId = executionId, TaskId = t.TaskExecutionId, MaxResults = 100,
            })).WindowExecutionTaskInvocationIdentities);
        }
        return all;
    }

    /// <summary>The instance an invocation targets (from its Parameters JSON, as AWS shows it).</summary>
    public static string InstanceOf(MaintenanceWindowExecutionTaskInvocationIdentity i) =>
        System.Text.Json.JsonDocument.Parse(i.Parameters).RootElement.GetProperty("instanceIds")[0].GetString()!;

    /// <summary>Waits until the invocation on <paramref name="instanceId"/> has <paramref name="status"/>.</summary>
    public static Task<MaintenanceWindowExecutionTaskInvocationIdentity> WaitInvocationAsync(IAmazonSimpleSystemsManagement ssm, string executionId,
        string instanceId, MaintenanceWindowExecutionStatus status) =>
        WaitForAsync(async () => (await InvocationsAsync(ssm, executionId)).FirstOrDefault(i => InstanceOf(i) == instanceId && i.Status == status),
            $"the invocation on {instanceId} to be {status}");

    public static async Task JumpAsync(LabClient lab, DateTimeOffset to) =>
        await lab.ChangeClockAsync(new ClockChangeRequest { JumpTo = to }, CancellationToken.None);

    public static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var until = DateTime.UtcNow + (timeout ?? Patience);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting for {what}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Tags an instance directly in the state (as a tag added after the window target was registered).</summary>
    public static void TagInstance(Database db, string instanceId, string key, string value)
    {
        using var c = db.Open();
        c.Execute("INSERT OR REPLACE INTO tags (resource_type, resource_id, key, value) VALUES ('Instance', @instanceId, @key, @value)",
            new { instanceId, key, value });
    }
}
