using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Storage;
using Instance = PatchLab.Domain.Model.Instance;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>Update, get, deregister, schedule and for-target operations of maintenance windows, through the real AWS SDK.</summary>
public sealed class WindowUpdateTests : IAsyncLifetime
{
    // Values outside the model's constraints, which the SDK's analyzer refuses as literals; the server must refuse them too.
    private static readonly int OutOfRangeDuration = 25;
    private static readonly string ZeroConcurrency = "0";

    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private IAmazonSimpleSystemsManagement Ssm => _emu.Ssm;

    private async Task<string> CreateFullWindowAsync() => (await Ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
    {
        Name = "Full-Window", Description = "every optional field", Schedule = "cron(0 2 ? * SUN *)", ScheduleTimezone = "Asia/Seoul", ScheduleOffset = 2,
        StartDate = "2023-10-29T02:00:00Z", EndDate = "2199-01-01T00:00:00Z", Duration = 4, Cutoff = 1, AllowUnassociatedTargets = true,
    })).WindowId;

    /// <summary>POSTs a raw SSM JSON request (to see exactly which members a response carries).</summary>
    private async Task<JsonElement> RawAsync(string operation, object body)
    {
        using var http = new HttpClient { BaseAddress = _emu.Endpoint };
        using var content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        using var req = new HttpRequestMessage(HttpMethod.Post, "/") { Content = content };
        req.Headers.Add("X-Amz-Target", "AmazonSSM." + operation);
        using var resp = await http.SendAsync(req);
        return JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task UpdateMaintenanceWindow_KeepsFieldsNotSent_WhenReplaceIsFalse()
    {
        var id = await CreateFullWindowAsync();

        var echo = await RawAsync("UpdateMaintenanceWindow", new { WindowId = id, Name = "Renamed-Window", Duration = 6 });

        // The response echoes the window without dates or NextExecutionTime.
        Assert.Equal("Renamed-Window", echo.GetProperty("Name").GetString());
        Assert.Equal("Asia/Seoul", echo.GetProperty("ScheduleTimezone").GetString());
        Assert.False(echo.TryGetProperty("NextExecutionTime", out _));
        Assert.False(echo.TryGetProperty("CreatedDate", out _));
        Assert.False(echo.TryGetProperty("ModifiedDate", out _));
        var got = await Ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = id });
        Assert.Equal(("Renamed-Window", 6, 1), (got.Name, got.Duration, got.Cutoff));
        Assert.Equal(("every optional field", "Asia/Seoul", 2), (got.Description, got.ScheduleTimezone, got.ScheduleOffset));
        Assert.Equal(("2023-10-29T02:00:00Z", "2199-01-01T00:00:00Z"), (got.StartDate, got.EndDate));
        Assert.True(got.ModifiedDate >= got.CreatedDate);
    }

    [Fact]
    public async Task UpdateMaintenanceWindow_ClearsOptionalFields_WhenReplaceIsTrue()
    {
        var id = await CreateFullWindowAsync();

        await Ssm.UpdateMaintenanceWindowAsync(new UpdateMaintenanceWindowRequest
        {
            WindowId = id, Replace = true, Name = "Replaced-Window", Schedule = "cron(0 3 ? * MON *)", Duration = 3, Cutoff = 0, AllowUnassociatedTargets = false,
        });

        var raw = await RawAsync("GetMaintenanceWindow", new { WindowId = id });
        foreach (var cleared in new[] { "Description", "ScheduleTimezone", "ScheduleOffset", "StartDate", "EndDate" })
        {
            Assert.False(raw.TryGetProperty(cleared, out _), $"{cleared} should be absent after Replace=true");
        }
        Assert.Equal("Replaced-Window", raw.GetProperty("Name").GetString());
        Assert.False(raw.GetProperty("AllowUnassociatedTargets").GetBoolean());
        Assert.True(raw.GetProperty("Enabled").GetBoolean()); // not a create field: kept
        Assert.EndsWith("T03:00Z", raw.GetProperty("NextExecutionTime").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    // Replace=true needs every field CreateMaintenanceWindow requires; each missing one is named.
    [InlineData("replace-missing", "Value null at 'schedule' failed to satisfy constraint: Member must not be null (Replace=true requires every field CreateMaintenanceWindow requires)")]
    // The merged window is checked: cutoff 1 (kept) against a new duration of 1.
    [InlineData("duration-below-cutoff", "Cutoff was 1 but must be smaller than the Duration (1)")]
    // ... and a new cutoff against the kept duration of 2.
    [InlineData("cutoff-above-duration", "Cutoff was 2 but must be smaller than the Duration (2): with --duration 2 use a cutoff from 0 to 1 hours.")]
    // terraform's real error for clearing StartDate with an empty string.
    [InlineData("empty-start-date", "Value '' at 'startDate' failed to satisfy constraint: Member must have length greater than or equal to 1")]
    // Schedules are validated as on create: 1 takes the singular.
    [InlineData("bad-rate", "rate(1 hour)")]
    // Framework range check.
    [InlineData("duration-25", "Value '25' at 'duration' failed to satisfy constraint: Member must have value less than or equal to 24")]
    public async Task UpdateMaintenanceWindow_RefusesWithValidationException_WhenTheResultIsInvalid(string change, string expected)
    {
        var id = await WindowKit.CreateWindowAsync(Ssm, duration: 2, cutoff: 1);
        var req = new UpdateMaintenanceWindowRequest { WindowId = id };
        switch (change)
        {
            case "replace-missing": req.Replace = true; req.Name = "Only-A-Name"; req.Duration = 2; req.Cutoff = 1; req.AllowUnassociatedTargets = false; break;
            case "duration-below-cutoff": req.Duration = 1; break;
            case "cutoff-above-duration": req.Cutoff = 2; break;
            case "empty-start-date": req.StartDate = ""; break;
            case "bad-rate": req.Schedule = "rate(1 hours)"; break;
            case "duration-25": req.Duration = OutOfRangeDuration; break;
        }

        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => Ssm.UpdateMaintenanceWindowAsync(req));

        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        var unchanged = await Ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = id });
        Assert.Equal((2, 1, "cron(0 2 ? * SUN *)"), (unchanged.Duration, unchanged.Cutoff, unchanged.Schedule));
    }

    [Fact]
    public async Task UpdateMaintenanceWindow_RecomputesNextExecutionTime_WhenScheduleOrEnabledChanges()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);

        await Ssm.UpdateMaintenanceWindowAsync(new UpdateMaintenanceWindowRequest { WindowId = id, Schedule = "cron(30 4 ? * WED *)" });
        var moved = await Ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = id });
        await Ssm.UpdateMaintenanceWindowAsync(new UpdateMaintenanceWindowRequest { WindowId = id, Enabled = false });
        var disabled = await Ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = id });
        await Ssm.UpdateMaintenanceWindowAsync(new UpdateMaintenanceWindowRequest { WindowId = id, Enabled = true });
        var enabled = await Ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = id });

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T04:30Z$", moved.NextExecutionTime);
        Assert.Equal(DayOfWeek.Wednesday, DateTime.Parse(moved.NextExecutionTime[..10], System.Globalization.CultureInfo.InvariantCulture).DayOfWeek);
        Assert.Null(disabled.NextExecutionTime); // a disabled window has none
        Assert.Equal(moved.NextExecutionTime, enabled.NextExecutionTime);
    }

    [Fact]
    public async Task UpdateOperations_ThrowDoesNotExist_WhenWindowTargetOrTaskIsUnknown()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var unknown = Guid.NewGuid().ToString();
        var calls = new (string Operation, Func<Task> Call)[]
        {
            ("UpdateMaintenanceWindow", () => Ssm.UpdateMaintenanceWindowAsync(new UpdateMaintenanceWindowRequest { WindowId = "mw-0123456789abcdef0", Name = "Nope" })),
            ("UpdateMaintenanceWindowTarget", () => Ssm.UpdateMaintenanceWindowTargetAsync(new UpdateMaintenanceWindowTargetRequest { WindowId = id, WindowTargetId = unknown, Name = "Nope" })),
            ("DeregisterTargetFromMaintenanceWindow", () => Ssm.DeregisterTargetFromMaintenanceWindowAsync(new DeregisterTargetFromMaintenanceWindowRequest { WindowId = id, WindowTargetId = unknown })),
            ("GetMaintenanceWindowTask", () => Ssm.GetMaintenanceWindowTaskAsync(new GetMaintenanceWindowTaskRequest { WindowId = id, WindowTaskId = unknown })),
            ("UpdateMaintenanceWindowTask", () => Ssm.UpdateMaintenanceWindowTaskAsync(new UpdateMaintenanceWindowTaskRequest { WindowId = id, WindowTaskId = unknown, Priority = 3 })),
            ("DeregisterTaskFromMaintenanceWindow", () => Ssm.DeregisterTaskFromMaintenanceWindowAsync(new DeregisterTaskFromMaintenanceWindowRequest { WindowId = id, WindowTaskId = unknown })),
            ("DescribeMaintenanceWindowSchedule", () => Ssm.DescribeMaintenanceWindowScheduleAsync(new DescribeMaintenanceWindowScheduleRequest { WindowId = "mw-0123456789abcdef0" })),
            ("CancelMaintenanceWindowExecution", () => Ssm.CancelMaintenanceWindowExecutionAsync(new CancelMaintenanceWindowExecutionRequest { WindowExecutionId = unknown })),
        };
        foreach (var (operation, call) in calls)
        {
            var e = await Assert.ThrowsAsync<DoesNotExistException>(call);
            Assert.True(e.Message.Contains("does not exist", StringComparison.Ordinal), $"{operation}: {e.Message}");
        }
    }

    [Fact]
    public async Task UpdateMaintenanceWindowTarget_MergesOrReplaces_AsReplaceSays()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var targetId = (await Ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = id, ResourceType = MaintenanceWindowResourceType.INSTANCE, Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }],
            OwnerInformation = "team-a", Name = "Prod-Nodes", Description = "production",
        })).WindowTargetId;

        var merged = await Ssm.UpdateMaintenanceWindowTargetAsync(new UpdateMaintenanceWindowTargetRequest
        {
            WindowId = id, WindowTargetId = targetId, Targets = [new Target { Key = "tag:Environment", Values = ["Production", "Staging"] }],
        });
        Assert.Equal(("team-a", "Prod-Nodes", "production"), (merged.OwnerInformation, merged.Name, merged.Description));
        Assert.Equal(["Production", "Staging"], Assert.Single(merged.Targets).Values);

        var missing = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => Ssm.UpdateMaintenanceWindowTargetAsync(
            new UpdateMaintenanceWindowTargetRequest { WindowId = id, WindowTargetId = targetId, Replace = true, Name = "No-Targets" }));
        Assert.Contains("Value null at 'targets'", missing.Message, StringComparison.Ordinal);

        await Ssm.UpdateMaintenanceWindowTargetAsync(new UpdateMaintenanceWindowTargetRequest
        {
            WindowId = id, WindowTargetId = targetId, Replace = true, Targets = [new Target { Key = "tag-key", Values = ["Patch Group"] }],
        });
        var described = Assert.Single((await Ssm.DescribeMaintenanceWindowTargetsAsync(new DescribeMaintenanceWindowTargetsRequest { WindowId = id })).Targets);
        Assert.Null(described.OwnerInformation);
        Assert.Null(described.Name);
        Assert.Null(described.Description);
        Assert.Equal("tag-key", Assert.Single(described.Targets).Key);

        // The target forms are checked as on registration.
        var bad = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => Ssm.UpdateMaintenanceWindowTargetAsync(
            new UpdateMaintenanceWindowTargetRequest { WindowId = id, WindowTargetId = targetId, Targets = [new Target { Key = "instanceids", Values = ["i-0123456789abcdef0"] }] }));
        Assert.StartsWith("Targets must be specified in one of the following formats", bad.Message, StringComparison.Ordinal);
    }

    [Theory]
    // Safe=true refuses while a task names the target.
    [InlineData(true, "TargetInUseException")]
    // Without Safe the target goes, and its id leaves the task's WindowTargetIds [U].
    [InlineData(false, null)]
    public async Task DeregisterTargetFromMaintenanceWindow_HonoursSafe_WhenATaskReferencesTheTarget(bool safe, string? errorCode)
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var used = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production");
        var other = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Staging");
        var taskId = await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.WindowTargets(used, other));

        var call = () => Ssm.DeregisterTargetFromMaintenanceWindowAsync(new DeregisterTargetFromMaintenanceWindowRequest { WindowId = id, WindowTargetId = used, Safe = safe });

        var task = await Ssm.GetMaintenanceWindowTaskAsync(new GetMaintenanceWindowTaskRequest { WindowId = id, WindowTaskId = taskId });
        if (errorCode is not null)
        {
            var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(call);
            Assert.Equal(errorCode, e.ErrorCode);
            Assert.Contains(taskId, e.Message, StringComparison.Ordinal);
            Assert.Equal(2, (await Ssm.DescribeMaintenanceWindowTargetsAsync(new DescribeMaintenanceWindowTargetsRequest { WindowId = id })).Targets.Count);
            Assert.Equal([used, other], Assert.Single(task.Targets).Values);
        }
        else
        {
            var resp = await call();
            Assert.Equal((id, used), (resp.WindowId, resp.WindowTargetId));
            var after = await Ssm.GetMaintenanceWindowTaskAsync(new GetMaintenanceWindowTaskRequest { WindowId = id, WindowTaskId = taskId });
            Assert.Equal([other], Assert.Single(after.Targets).Values);
            Assert.Equal(other, Assert.Single((await Ssm.DescribeMaintenanceWindowTargetsAsync(new DescribeMaintenanceWindowTargetsRequest { WindowId = id })).Targets).WindowTargetId);
        }
    }

    [Fact]
    public async Task GetMaintenanceWindowTask_ReturnsEveryRegisteredField()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var target = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production");
        var taskId = (await Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = id, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunPatchBaseline", Priority = 10, Name = "Patch-EC2-Prod",
            Description = "weekly install", Targets = [WindowKit.WindowTargets(target)], MaxConcurrency = "5", MaxErrors = "1",
            CutoffBehavior = MaintenanceWindowTaskCutoffBehavior.CANCEL_TASK,
            LoggingInfo = new LoggingInfo { S3BucketName = "patch-logs", S3Region = "us-east-1", S3KeyPrefix = "mw" },
            AlarmConfiguration = new AlarmConfiguration { Alarms = [new Alarm { Name = "patching-errors" }], IgnorePollAlarmFailure = true },
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters
                {
                    Comment = "weekly", TimeoutSeconds = 600, DocumentVersion = "1", Parameters = new() { ["Operation"] = ["Install"] },
                },
            },
        })).WindowTaskId;

        var got = await Ssm.GetMaintenanceWindowTaskAsync(new GetMaintenanceWindowTaskRequest { WindowId = id, WindowTaskId = taskId });

        Assert.Equal((id, taskId, "AWS-RunPatchBaseline", 10), (got.WindowId, got.WindowTaskId, got.TaskArn, got.Priority));
        Assert.Equal(MaintenanceWindowTaskType.RUN_COMMAND, got.TaskType);
        Assert.Equal(("Patch-EC2-Prod", "weekly install", "5", "1"), (got.Name, got.Description, got.MaxConcurrency, got.MaxErrors));
        Assert.Equal(MaintenanceWindowTaskCutoffBehavior.CANCEL_TASK, got.CutoffBehavior);
        Assert.EndsWith("AWSServiceRoleForAmazonSSM", got.ServiceRoleArn, StringComparison.Ordinal);
        Assert.Equal([target], Assert.Single(got.Targets).Values);
        Assert.Equal(("weekly", (int?)600, "1"), (got.TaskInvocationParameters.RunCommand.Comment, got.TaskInvocationParameters.RunCommand.TimeoutSeconds,
            got.TaskInvocationParameters.RunCommand.DocumentVersion));
        Assert.Equal(["Install"], got.TaskInvocationParameters.RunCommand.Parameters["Operation"]);
        Assert.Equal(("patch-logs", "us-east-1", "mw"), (got.LoggingInfo.S3BucketName, got.LoggingInfo.S3Region, got.LoggingInfo.S3KeyPrefix));
        Assert.Equal("patching-errors", Assert.Single(got.AlarmConfiguration.Alarms).Name);
        Assert.True(got.AlarmConfiguration.IgnorePollAlarmFailure);
    }

    [Fact]
    public async Task UpdateMaintenanceWindowTask_ReplacesTaskInvocationParametersWholesale_AndKeepsOtherFields()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var target = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production");
        var taskId = (await Ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = id, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunShellScript", Priority = 7, Name = "Shell-Task",
            Targets = [WindowKit.WindowTargets(target)], MaxConcurrency = "2", MaxErrors = "1",
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters { Comment = "first", TimeoutSeconds = 900, Parameters = new() { ["commands"] = ["uptime"] } },
            },
        })).WindowTaskId;

        var updated = await Ssm.UpdateMaintenanceWindowTaskAsync(new UpdateMaintenanceWindowTaskRequest
        {
            WindowId = id, WindowTaskId = taskId, MaxConcurrency = "50%",
            TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters
            {
                RunCommand = new MaintenanceWindowRunCommandParameters { Parameters = new() { ["commands"] = ["df -h"] } },
            },
        });

        // Members not sent again are removed (the model's documented behaviour); other fields are kept.
        Assert.Null(updated.TaskInvocationParameters.RunCommand.Comment);
        Assert.Null(updated.TaskInvocationParameters.RunCommand.TimeoutSeconds);
        Assert.Equal(["df -h"], updated.TaskInvocationParameters.RunCommand.Parameters["commands"]);
        Assert.Equal(("50%", "1", 7, "Shell-Task"), (updated.MaxConcurrency, updated.MaxErrors, updated.Priority, updated.Name));
        var got = await Ssm.GetMaintenanceWindowTaskAsync(new GetMaintenanceWindowTaskRequest { WindowId = id, WindowTaskId = taskId });
        Assert.Equal(("50%", 7), (got.MaxConcurrency, got.Priority));
        Assert.Null(got.TaskInvocationParameters.RunCommand.Comment);
    }

    [Fact]
    public async Task UpdateMaintenanceWindowTask_ClearsOptionalFields_WhenReplaceIsTrue()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var target = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production");
        var taskId = await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.WindowTargets(target), priority: 9, cutoffBehavior: "CANCEL_TASK", name: "Named-Task");

        var noArn = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => Ssm.UpdateMaintenanceWindowTaskAsync(
            new UpdateMaintenanceWindowTaskRequest { WindowId = id, WindowTaskId = taskId, Replace = true, Priority = 2 }));
        Assert.Contains("Value null at 'taskArn' failed to satisfy constraint: Member must not be null (Replace=true requires every field RegisterTaskWithMaintenanceWindow requires)",
            noArn.Message, StringComparison.Ordinal);

        await Ssm.UpdateMaintenanceWindowTaskAsync(new UpdateMaintenanceWindowTaskRequest
        {
            WindowId = id, WindowTaskId = taskId, Replace = true, TaskArn = "AWS-RunPatchBaseline", Targets = [WindowKit.WindowTargets(target)],
            MaxConcurrency = "1", MaxErrors = "0",
        });

        var got = await Ssm.GetMaintenanceWindowTaskAsync(new GetMaintenanceWindowTaskRequest { WindowId = id, WindowTaskId = taskId });
        Assert.Equal(("AWS-RunPatchBaseline", (int?)1), (got.TaskArn, got.Priority));
        Assert.Null(got.Name);
        Assert.Equal(MaintenanceWindowTaskCutoffBehavior.CONTINUE_TASK, got.CutoffBehavior);
        Assert.Null(got.TaskInvocationParameters);
    }

    [Theory]
    // A tag target belongs on a window target, not on a task.
    [InlineData("tag-target", "tag:Environment is an invalid window task target type, use WindowTargetIds or InstanceIds.")]
    // MaxConcurrency 0 is outside the model pattern.
    [InlineData("zero-concurrency", "Value '0' at 'maxConcurrency' failed to satisfy constraint: Member must satisfy regular expression pattern")]
    // InstanceIds on a window that does not allow unassociated targets.
    [InlineData("instance-ids", "does not allow unassociated targets")]
    // Replace=true with no targets: a Run Command task needs one.
    [InlineData("replace-without-targets", "For Run Command tasks, you must specify at least one resource as the target of the task")]
    public async Task UpdateMaintenanceWindowTask_RefusesWithValidationException_WhenTheMergedTaskIsInvalid(string change, string expected)
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var target = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production");
        var taskId = await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.WindowTargets(target));
        var req = new UpdateMaintenanceWindowTaskRequest { WindowId = id, WindowTaskId = taskId };
        switch (change)
        {
            case "tag-target": req.Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }]; break;
            case "zero-concurrency": req.MaxConcurrency = ZeroConcurrency; break;
            case "instance-ids": req.Targets = [WindowKit.InstanceIds("i-0123456789abcdef0")]; break;
            case "replace-without-targets": req.Replace = true; req.TaskArn = "AWS-RunShellScript"; break;
        }

        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => Ssm.UpdateMaintenanceWindowTaskAsync(req));

        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeregisterTaskFromMaintenanceWindow_RemovesTheTask()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var target = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production");
        var keep = await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.WindowTargets(target));
        var drop = await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.WindowTargets(target));

        var resp = await Ssm.DeregisterTaskFromMaintenanceWindowAsync(new DeregisterTaskFromMaintenanceWindowRequest { WindowId = id, WindowTaskId = drop });

        Assert.Equal((id, drop), (resp.WindowId, resp.WindowTaskId));
        var tasks = await Ssm.DescribeMaintenanceWindowTasksAsync(new DescribeMaintenanceWindowTasksRequest { WindowId = id });
        Assert.Equal(keep, Assert.Single(tasks.Tasks).WindowTaskId);
    }

    [Theory]
    // A targetless task may not carry rate controls (reference 2.2, error 2).
    [InlineData("targetless-with-rate", "Maintenance window tasks without targets do not support MaxErrors values.")]
    // AlarmConfiguration takes exactly one alarm.
    [InlineData("two-alarms", "Value '[2 items]' at 'alarms' failed to satisfy constraint: Member must have length less than or equal to 1")]
    // LoggingInfo needs its bucket and region.
    [InlineData("logging-without-region", "Value null at 's3Region' failed to satisfy constraint: Member must not be null")]
    public async Task RegisterTaskWithMaintenanceWindow_RefusesWithValidationException_WhenOptionsAreInvalid(string change, string expected)
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var target = await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", "Production");
        var req = new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = id, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunShellScript", Targets = [WindowKit.WindowTargets(target)],
            MaxConcurrency = "1", MaxErrors = "0",
        };
        switch (change)
        {
            case "targetless-with-rate": req.TaskType = MaintenanceWindowTaskType.AUTOMATION; req.TaskArn = "AWS-RestartEC2Instance"; req.Targets = null; break;
            case "two-alarms": req.AlarmConfiguration = new AlarmConfiguration { Alarms = [new Alarm { Name = "a" }, new Alarm { Name = "b" }] }; break;
            case "logging-without-region": req.LoggingInfo = new LoggingInfo { S3BucketName = "patch-logs" }; break;
        }

        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => Ssm.RegisterTaskWithMaintenanceWindowAsync(req));

        Assert.Equal("ValidationException", e.ErrorCode);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterTargetAndTask_AreIdempotent_WhenClientTokenRepeats()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var targetReq = new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = id, ResourceType = MaintenanceWindowResourceType.INSTANCE, Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }],
            ClientToken = Guid.NewGuid().ToString(),
        };
        var t1 = await Ssm.RegisterTargetWithMaintenanceWindowAsync(targetReq);
        var t2 = await Ssm.RegisterTargetWithMaintenanceWindowAsync(targetReq);
        var taskReq = new RegisterTaskWithMaintenanceWindowRequest
        {
            WindowId = id, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = "AWS-RunShellScript", Targets = [WindowKit.WindowTargets(t1.WindowTargetId)],
            MaxConcurrency = "1", MaxErrors = "0", ClientToken = Guid.NewGuid().ToString(),
        };
        var k1 = await Ssm.RegisterTaskWithMaintenanceWindowAsync(taskReq);
        var k2 = await Ssm.RegisterTaskWithMaintenanceWindowAsync(taskReq);

        Assert.Equal(t1.WindowTargetId, t2.WindowTargetId);
        Assert.Equal(k1.WindowTaskId, k2.WindowTaskId);
        Assert.Single((await Ssm.DescribeMaintenanceWindowTargetsAsync(new DescribeMaintenanceWindowTargetsRequest { WindowId = id })).Targets);
        Assert.Single((await Ssm.DescribeMaintenanceWindowTasksAsync(new DescribeMaintenanceWindowTasksRequest { WindowId = id })).Tasks);
        taskReq.Priority = 4;
        await Assert.ThrowsAsync<IdempotentParameterMismatchException>(() => Ssm.RegisterTaskWithMaintenanceWindowAsync(taskReq));
        targetReq.OwnerInformation = "someone-else";
        await Assert.ThrowsAsync<IdempotentParameterMismatchException>(() => Ssm.RegisterTargetWithMaintenanceWindowAsync(targetReq));
    }

    [Fact]
    public async Task DescribeMaintenanceWindowTargetsAndTasks_Paginate_WithNextToken()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm);
        var targets = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            targets.Add(await WindowKit.RegisterTagTargetAsync(Ssm, id, "Environment", $"Env{i}"));
            await WindowKit.RegisterShellTaskAsync(Ssm, id, WindowKit.WindowTargets(targets[^1]), priority: i);
        }

        var t1 = await Ssm.DescribeMaintenanceWindowTargetsAsync(new DescribeMaintenanceWindowTargetsRequest { WindowId = id, MaxResults = 10 });
        var t2 = await Ssm.DescribeMaintenanceWindowTargetsAsync(new DescribeMaintenanceWindowTargetsRequest { WindowId = id, MaxResults = 10, NextToken = t1.NextToken });
        var k1 = await Ssm.DescribeMaintenanceWindowTasksAsync(new DescribeMaintenanceWindowTasksRequest { WindowId = id, MaxResults = 10 });
        var k2 = await Ssm.DescribeMaintenanceWindowTasksAsync(new DescribeMaintenanceWindowTasksRequest { WindowId = id, MaxResults = 10, NextToken = k1.NextToken });

        Assert.Equal(targets, t1.Targets.Concat(t2.Targets).Select(t => t.WindowTargetId));
        Assert.True(string.IsNullOrEmpty(t2.NextToken));
        Assert.Equal(12, k1.Tasks.Concat(k2.Tasks).Select(t => t.WindowTaskId).Distinct().Count());
        Assert.True(string.IsNullOrEmpty(k2.NextToken));
        var bad = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() =>
            Ssm.DescribeMaintenanceWindowTasksAsync(new DescribeMaintenanceWindowTasksRequest { WindowId = id, NextToken = t1.NextToken }));
        Assert.Contains("is not one PatchLab issued for DescribeMaintenanceWindowTasks", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeMaintenanceWindowSchedule_ListsUpcomingRunsInOrder_WithFiltersAndPages()
    {
        var id = await WindowKit.CreateWindowAsync(Ssm, name: "Weekly-Wed", schedule: "cron(0 16 ? * WED *)");

        var first = await Ssm.DescribeMaintenanceWindowScheduleAsync(new DescribeMaintenanceWindowScheduleRequest { WindowId = id, MaxResults = 3 });
        var second = await Ssm.DescribeMaintenanceWindowScheduleAsync(new DescribeMaintenanceWindowScheduleRequest { WindowId = id, MaxResults = 3, NextToken = first.NextToken });

        var runs = first.ScheduledWindowExecutions.Concat(second.ScheduledWindowExecutions).ToList();
        Assert.Equal(6, runs.Count);
        Assert.All(runs, r => Assert.Equal((id, "Weekly-Wed"), (r.WindowId, r.Name)));
        // The docs' format: 2020-02-19T16:00Z.
        Assert.All(runs, r => Assert.Matches(@"^\d{4}-\d{2}-\d{2}T16:00Z$", r.ExecutionTime));
        var times = runs.Select(r => DateTimeOffset.Parse(r.ExecutionTime.Replace("Z", ":00Z", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(TimeSpan.FromDays(7), p.Second - p.First));
        var got = await Ssm.GetMaintenanceWindowAsync(new GetMaintenanceWindowRequest { WindowId = id });
        Assert.Equal(got.NextExecutionTime, runs[0].ExecutionTime);

        // ScheduledAfter includes a run at that instant; ScheduledBefore excludes it.
        var after = times[2].ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var before = times[4].ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var window = await Ssm.DescribeMaintenanceWindowScheduleAsync(new DescribeMaintenanceWindowScheduleRequest
        {
            WindowId = id, Filters = [new PatchOrchestratorFilter { Key = "ScheduledAfter", Values = [after] }, new PatchOrchestratorFilter { Key = "ScheduledBefore", Values = [before] }],
        });
        Assert.Equal([runs[2].ExecutionTime, runs[3].ExecutionTime], window.ScheduledWindowExecutions.Select(r => r.ExecutionTime));
        Assert.True(string.IsNullOrEmpty(window.NextToken));

        var badFilter = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => Ssm.DescribeMaintenanceWindowScheduleAsync(
            new DescribeMaintenanceWindowScheduleRequest { WindowId = id, Filters = [new PatchOrchestratorFilter { Key = "ExecutedBefore", Values = [after] }] }));
        Assert.Contains("use Key=ScheduledBefore or Key=ScheduledAfter", badFilter.Message, StringComparison.Ordinal);
        var neither = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => Ssm.DescribeMaintenanceWindowScheduleAsync(new DescribeMaintenanceWindowScheduleRequest()));
        Assert.Equal("ValidationException", neither.ErrorCode);
    }

    [Fact]
    public async Task DescribeMaintenanceWindowSchedule_FormatsInTheWindowZone_AndMergesWindowsByTarget()
    {
        // Asia/Seoul has no DST: 02:00 local is always +09:00.
        var seoul = await WindowKit.CreateWindowAsync(Ssm, name: "Seoul-Daily", schedule: "cron(0 2 ? * * *)", timezone: "Asia/Seoul");
        var utc = await WindowKit.CreateWindowAsync(Ssm, name: "Utc-Daily", schedule: "cron(0 12 ? * * *)");
        var other = await WindowKit.CreateWindowAsync(Ssm, name: "Other-Daily", schedule: "cron(0 6 ? * * *)");
        await WindowKit.RegisterTagTargetAsync(Ssm, seoul, "Environment", "Production");
        await WindowKit.RegisterTagTargetAsync(Ssm, utc, "Environment", "Production");
        await WindowKit.RegisterTagTargetAsync(Ssm, other, "Environment", "Staging");

        var own = await Ssm.DescribeMaintenanceWindowScheduleAsync(new DescribeMaintenanceWindowScheduleRequest { WindowId = seoul, MaxResults = 1 });
        var merged = await Ssm.DescribeMaintenanceWindowScheduleAsync(new DescribeMaintenanceWindowScheduleRequest
        {
            Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }], ResourceType = MaintenanceWindowResourceType.INSTANCE, MaxResults = 6,
        });

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T02:00\+09:00$", Assert.Single(own.ScheduledWindowExecutions).ExecutionTime);
        Assert.Equal(6, merged.ScheduledWindowExecutions.Count);
        Assert.DoesNotContain(merged.ScheduledWindowExecutions, r => r.WindowId == other);
        // Seoul 02:00 (+09:00) is 17:00 UTC, after the 12:00 UTC window: the two alternate.
        var ids = merged.ScheduledWindowExecutions.Select(r => r.WindowId).ToList();
        Assert.All(ids.Zip(ids.Skip(1)), p => Assert.NotEqual(p.First, p.Second));
        var instants = merged.ScheduledWindowExecutions.Select(r => DateTimeOffset.Parse(r.ExecutionTime.Length == 17 ? r.ExecutionTime.Replace("Z", ":00Z", StringComparison.Ordinal)
            : r.ExecutionTime.Insert(16, ":00"), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(instants.Order(), instants);
    }

    [Fact]
    public async Task AddAndRemoveTagsToResource_ChangeAWindowsTags()
    {
        var id = (await Ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
        {
            Name = "Tagged-Window", Schedule = "cron(0 2 ? * SUN *)", Duration = 2, Cutoff = 1, AllowUnassociatedTargets = false,
            Tags = [new Tag { Key = "Project", Value = "SecurityPatching" }],
        })).WindowId;

        await Ssm.AddTagsToResourceAsync(new AddTagsToResourceRequest
        {
            ResourceType = ResourceTypeForTagging.MaintenanceWindow, ResourceId = id,
            Tags = [new Tag { Key = "Project", Value = "Kernel" }, new Tag { Key = "Owner", Value = "ops" }],
        });
        await Ssm.RemoveTagsFromResourceAsync(new RemoveTagsFromResourceRequest { ResourceType = ResourceTypeForTagging.MaintenanceWindow, ResourceId = id, TagKeys = ["Owner"] });
        var tags = await Ssm.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceType = ResourceTypeForTagging.MaintenanceWindow, ResourceId = id });

        var tag = Assert.Single(tags.TagList);
        Assert.Equal(("Project", "Kernel"), (tag.Key, tag.Value));
        await Assert.ThrowsAsync<InvalidResourceIdException>(() => Ssm.AddTagsToResourceAsync(new AddTagsToResourceRequest
        {
            ResourceType = ResourceTypeForTagging.MaintenanceWindow, ResourceId = "mw-0123456789abcdef0", Tags = [new Tag { Key = "Owner", Value = "ops" }],
        }));
    }

    [Fact]
    public async Task DescribeMaintenanceWindowsForTarget_FindsWindowsByInstanceAndByTag()
    {
        var instanceId = Wire.WireFormat.HexId("i-");
        _emu.Get<InstanceRepository>().Insert(new Instance
        {
            InstanceId = instanceId, Os = "AmazonLinux2", TokenHash = "x", State = "running", Tags = new Dictionary<string, string> { ["Environment"] = "Production" },
        });
        var byTag = await WindowKit.CreateWindowAsync(Ssm, name: "By-Tag");
        var byId = await WindowKit.CreateWindowAsync(Ssm, name: "By-Id");
        var unrelated = await WindowKit.CreateWindowAsync(Ssm, name: "Unrelated");
        await WindowKit.RegisterTagTargetAsync(Ssm, byTag, "Environment", "Production");
        await Ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
        {
            WindowId = byId, ResourceType = MaintenanceWindowResourceType.INSTANCE, Targets = [WindowKit.InstanceIds(instanceId)],
        });
        await WindowKit.RegisterTagTargetAsync(Ssm, unrelated, "Environment", "Staging");

        var forInstance = await Ssm.DescribeMaintenanceWindowsForTargetAsync(new DescribeMaintenanceWindowsForTargetRequest
        {
            Targets = [WindowKit.InstanceIds(instanceId)], ResourceType = MaintenanceWindowResourceType.INSTANCE,
        });
        var forTag = await Ssm.DescribeMaintenanceWindowsForTargetAsync(new DescribeMaintenanceWindowsForTargetRequest
        {
            Targets = [new Target { Key = "tag:Environment", Values = ["Production"] }], ResourceType = MaintenanceWindowResourceType.INSTANCE, MaxResults = 1,
        });

        Assert.Equal(new[] { byTag, byId }.Order(), forInstance.WindowIdentities.Select(w => w.WindowId).Order());
        Assert.Equal("By-Tag", forInstance.WindowIdentities.Single(w => w.WindowId == byTag).Name);
        Assert.Equal(byTag, Assert.Single(forTag.WindowIdentities).WindowId);
        Assert.True(string.IsNullOrEmpty(forTag.NextToken));
    }
}
