// Issue 3 benchmarks, whole system: an in-process emulator (PatchLab.Testing) with real agents as host processes.
//   rollout   [instances=100] [work-seconds=10]   a window over N instances, MaxConcurrency 10, `sleep W` per instance at
//             speed 1: execution time ÷ the ideal time under the AWS ramp (ConcurrencyPlan with instant acknowledgements).
//   scheduler [samples=5]                         firing delay after the cron instant at speed 1 and speed 600.
//   clock     [instances=50] [reference-speed=24] a 2-hour window of AWS-RunPatchBaseline installs (MaxConcurrency 1) at
//             speed 120: wall time, and the event order compared with the same lab at a slower reference speed.
// Usage: dotnet run -c Release --project bench/PatchLab.Bench.Windows -- rollout|scheduler|clock|all [args]
using System.Diagnostics;
using System.Globalization;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Domain.RunCommand;
using PatchLab.Testing;

var scenario = args.Length > 0 ? args[0] : "all";
int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
Console.WriteLine($"# PatchLab.Bench.Windows {scenario} — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm}Z");
if (scenario is "rollout" or "all")
{
    await Rollout(Arg(1, 100), Arg(2, 10));
}
if (scenario is "scheduler" or "all")
{
    await Scheduler(Arg(1, 5));
}
if (scenario is "clock" or "all")
{
    await Clock(Arg(1, 50), Arg(2, 24));
}
return;

static async Task Rollout(int instances, int workSeconds)
{
    var start = new DateTimeOffset(2026, 12, 1, 1, 59, 0, TimeSpan.Zero);
    var launch = Stopwatch.StartNew();
    await using var lab = await new PatchLabBuilder().WithRuntime(PatchLabRuntime.Process).WithClock(start, 1)
        .WithInstances(new InstanceGroup(instances, tags: Tags("rollout"), namePrefix: "r")).StartAsync();
    Console.WriteLine($"rollout: {instances} agents online in {launch.Elapsed.TotalSeconds:0.0} s");
    var windowId = await WindowAsync(lab.Ssm, "rollout", "cron(0 2 ? * * *)", 2, 1, "AWS-RunShellScript", "10", "0",
        new() { ["commands"] = [$"sleep {workSeconds}"] });
    var wall = Stopwatch.StartNew();
    var ended = await RunOnceAsync(lab, windowId);
    wall.Stop();
    var measured = (ended.EndTime!.Value - ended.StartTime!.Value).TotalSeconds;
    var ideal = IdealSeconds("10", "0", instances, workSeconds);
    Console.WriteLine($"rollout: status {ended.Status}; execution {measured:0.00} s (emulator = wall at x1); ideal under the AWS ramp {ideal:0.00} s; " +
        $"ratio {measured / ideal:0.000} (target <= 1.05); wall from jump to seen-ended {wall.Elapsed.TotalSeconds:0.0} s");
}

static async Task Scheduler(int samples)
{
    foreach (var speed in new[] { 1.0, 600.0 })
    {
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        await using var lab = await new PatchLabBuilder().WithRuntime(PatchLabRuntime.Process).WithClock(start, speed).StartAsync();
        var windowId = await WindowAsync(lab.Ssm, "hourly", "cron(0 * ? * * *)", 1, 0, null, null, null, null);
        var delays = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            // Two real seconds before the next top of the hour, then let the clock run to it.
            var fire = start.AddHours(i + 1);
            await lab.Clock.PauseAsync();
            await lab.Clock.JumpToAsync(fire.AddSeconds(-2 * speed));
            await lab.Clock.ResumeAsync();
            var execution = await WaitExecutionAsync(lab, windowId, i + 1);
            delays.Add((execution.StartTime!.Value.ToUniversalTime() - fire).TotalSeconds);
        }
        delays.Sort();
        Console.WriteLine($"scheduler x{speed}: firing delay after the cron instant (emulator seconds) min {delays[0]:0.000} median {delays[delays.Count / 2]:0.000} " +
            $"max {delays[^1]:0.000} over {samples} firings (target <= 1 s)");
    }
}

static async Task Clock(int instances, int referenceSpeed)
{
    var fast = await ClockRunAsync(instances, 120);
    Console.WriteLine($"clock x120: {fast.Status}, wall {fast.Wall:0.0} s (target <= 70 s), emulator {fast.Emulator:0.0} min, {fast.Order.Count} invocations");
    var slow = await ClockRunAsync(instances, referenceSpeed);
    Console.WriteLine($"clock x{referenceSpeed}: {slow.Status}, wall {slow.Wall:0.0} s, emulator {slow.Emulator:0.0} min");
    var same = fast.Order.SequenceEqual(slow.Order);
    Console.WriteLine($"clock: event order (invocations by start: instance name, status; then execution status) same at x120 and x{referenceSpeed}: {same}");
    if (!same)
    {
        for (var i = 0; i < Math.Max(fast.Order.Count, slow.Order.Count); i++)
        {
            Console.WriteLine($"  {(i < fast.Order.Count ? fast.Order[i] : "-"),-40} {(i < slow.Order.Count ? slow.Order[i] : "-")}");
        }
    }
}

static async Task<(string Status, double Wall, double Emulator, List<string> Order)> ClockRunAsync(int instances, double speed)
{
    var start = new DateTimeOffset(2026, 12, 1, 1, 59, 0, TimeSpan.Zero);
    await using var lab = await new PatchLabBuilder().WithRuntime(PatchLabRuntime.Process).WithClock(start, 1)
        .WithInstances(new InstanceGroup(instances, tags: Tags("clock"), namePrefix: "c", ageDays: 650)).StartAsync();
    var windowId = await WindowAsync(lab.Ssm, "two-hours", "cron(0 2 ? * * *)", 2, 0, "AWS-RunPatchBaseline", "1", "100%",
        new() { ["Operation"] = ["Install"], ["RebootOption"] = ["NoReboot"] });
    // Paused while jumping: at x120 the window's own 02:00 would otherwise come before the jump, which then skips a day.
    await lab.Clock.PauseAsync();
    await lab.Clock.SetSpeedAsync(speed);
    var wall = Stopwatch.StartNew();
    await lab.Clock.JumpToNextExecutionAsync(windowId);
    await lab.Clock.ResumeAsync();
    var execution = await WaitExecutionAsync(lab, windowId, 1);
    var ended = await lab.WaitForWindowExecutionAsync(execution.WindowExecutionId, TimeSpan.FromMinutes(30));
    wall.Stop();
    var names = (await lab.Lab.GetInstancesAsync(CancellationToken.None)).Instances.ToDictionary(i => i.InstanceId, i => i.Name);
    var tasks = await lab.Ssm.DescribeMaintenanceWindowExecutionTasksAsync(new DescribeMaintenanceWindowExecutionTasksRequest { WindowExecutionId = ended.WindowExecutionId });
    var order = new List<string>();
    foreach (var task in tasks.WindowExecutionTaskIdentities)
    {
        var invocations = await AllInvocationsAsync(lab.Ssm, ended.WindowExecutionId, task.TaskExecutionId);
        order.AddRange(invocations.OrderBy(i => i.StartTime).ThenBy(i => names.GetValueOrDefault(InstanceOf(i), "?"), StringComparer.Ordinal)
            .Select(i => $"{names.GetValueOrDefault(InstanceOf(i), "?")} {i.Status}"));
    }
    order.Add($"execution {ended.Status}");
    return (ended.Status.Value, wall.Elapsed.TotalSeconds, (ended.EndTime!.Value - ended.StartTime!.Value).TotalMinutes, order);
}

static string InstanceOf(MaintenanceWindowExecutionTaskInvocationIdentity i) =>
    System.Text.Json.JsonDocument.Parse(i.Parameters).RootElement.GetProperty("instanceIds")[0].GetString() ?? "";

static async Task<List<MaintenanceWindowExecutionTaskInvocationIdentity>> AllInvocationsAsync(IAmazonSimpleSystemsManagement ssm, string executionId, string taskId)
{
    var all = new List<MaintenanceWindowExecutionTaskInvocationIdentity>();
    string? token = null;
    do
    {
        var page = await ssm.DescribeMaintenanceWindowExecutionTaskInvocationsAsync(new DescribeMaintenanceWindowExecutionTaskInvocationsRequest
        {
            WindowExecutionId = executionId, TaskId = taskId, MaxResults = 100, NextToken = token,
        });
        all.AddRange(page.WindowExecutionTaskInvocationIdentities);
        token = page.NextToken;
    }
    while (!string.IsNullOrEmpty(token));
    return all;
}

static async Task<GetMaintenanceWindowExecutionResponse> RunOnceAsync(PatchLabEmulator lab, string windowId)
{
    await lab.Clock.JumpToNextExecutionAsync(windowId);
    var execution = await WaitExecutionAsync(lab, windowId, 1);
    return await lab.WaitForWindowExecutionAsync(execution.WindowExecutionId, TimeSpan.FromMinutes(30));
}

static async Task<MaintenanceWindowExecution> WaitExecutionAsync(PatchLabEmulator lab, string windowId, int count)
{
    MaintenanceWindowExecution? found = null;
    await PatchLabEmulator.WaitUntilAsync(async ct =>
    {
        var list = (await lab.Ssm.DescribeMaintenanceWindowExecutionsAsync(new DescribeMaintenanceWindowExecutionsRequest { WindowId = windowId }, ct)).WindowExecutions;
        found = list.Count >= count ? list.OrderBy(e => e.StartTime).Last() : null;
        return found is not null;
    }, TimeSpan.FromMinutes(2), $"execution {count} of {windowId}");
    return found!;
}

static async Task<string> WindowAsync(IAmazonSimpleSystemsManagement ssm, string name, string schedule, int duration, int cutoff, string? document,
    string? maxConcurrency, string? maxErrors, Dictionary<string, List<string>>? parameters)
{
    var window = await ssm.CreateMaintenanceWindowAsync(new CreateMaintenanceWindowRequest
    {
        Name = name, Schedule = schedule, Duration = duration, Cutoff = cutoff, AllowUnassociatedTargets = document is null,
    });
    if (document is null)
    {
        return window.WindowId;
    }
    var target = await ssm.RegisterTargetWithMaintenanceWindowAsync(new RegisterTargetWithMaintenanceWindowRequest
    {
        WindowId = window.WindowId, ResourceType = MaintenanceWindowResourceType.INSTANCE, Targets = [new Target { Key = "tag:Bench", Values = [name == "rollout" ? "rollout" : "clock"] }],
    });
    await ssm.RegisterTaskWithMaintenanceWindowAsync(new RegisterTaskWithMaintenanceWindowRequest
    {
        WindowId = window.WindowId, TaskType = MaintenanceWindowTaskType.RUN_COMMAND, TaskArn = document, Priority = 1,
        Targets = [new Target { Key = "WindowTargetIds", Values = [target.WindowTargetId] }], MaxConcurrency = maxConcurrency, MaxErrors = maxErrors,
        TaskInvocationParameters = new MaintenanceWindowTaskInvocationParameters { RunCommand = new MaintenanceWindowRunCommandParameters { Parameters = parameters } },
    });
    return window.WindowId;
}

static Dictionary<string, string> Tags(string bench) => new() { ["Bench"] = bench };

// The ideal: dispatch as the AWS ramp allows with every acknowledgement instant, each target taking exactly W seconds.
static double IdealSeconds(string maxConcurrency, string maxErrors, int targets, int work)
{
    var plan = ConcurrencyPlan.Create(maxConcurrency, maxErrors, targets);
    var finishing = new PriorityQueue<int, double>();
    var (now, remaining, inFlight) = (0.0, targets, 0);
    while (remaining > 0 || inFlight > 0)
    {
        int n;
        while ((n = plan.CanStart(inFlight, remaining, 0)) > 0)
        {
            for (var i = 0; i < n; i++)
            {
                finishing.Enqueue(0, now + work);
                plan.OnAcknowledged();
            }
            remaining -= n;
            inFlight += n;
        }
        finishing.TryDequeue(out _, out now);
        inFlight--;
    }
    return now;
}
