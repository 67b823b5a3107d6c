using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Domain.RunCommand;
using PatchLab.Domain.Status;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Backend;
using PatchLab.Storage;

namespace PatchLab.Emulator.Hosting;

/// <summary>
/// Fires maintenance windows and drives their executions (reference 1.5 and 2.3). Every step is a pure function of what
/// SQLite holds, called on each scheduler tick, so an emulator killed at any point resumes its executions where they were:
/// nothing lives only in memory, the MaxConcurrency ramp is re-derived from how many invocations were acknowledged, and
/// every write that must not be torn (a window firing with its tasks, a task starting with its targets) is one transaction.
/// </summary>
/// <remarks>
/// Choices where the reference is [U]: a run whose previous execution is still active is recorded SKIPPED_OVERLAPPING; the
/// next priority group waits for the previous one; tasks not started by the cutoff are not run and not listed; work still
/// running at the end of the window is TIMED_OUT (task, its unfinished invocations, and the execution); targets left when
/// MaxErrors is exceeded are never created as invocations (Run Command's own rollout marks them Terminated); a task fails
/// when any invocation did not succeed; a cancelled execution lets running tasks finish, dispatching their remaining targets,
/// as the API reference says ("Tasks already in progress will continue to completion"). While the lab clock is paused the
/// engine does nothing at all: no window fires, no target is dispatched, no deadline passes.
/// </remarks>
public sealed class WindowEngine(WindowRepository windows, ExecutionRepository executions, CommandRepository commands, CommandBackend commandBackend,
    TargetResolver resolver, LabClock clock, EventLog events, AgentSignals signals)
{
    private const string ServiceLinkedRole = "arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM";
    private static readonly string[] Active = ["PENDING", "IN_PROGRESS", "CANCELLING"];

    /// <summary>
    /// One scheduler pass: fire due windows, advance running executions. Nothing happens while paused. (Command expiry is the
    /// Run Command dispatcher's pass.)
    /// </summary>
    public void Tick()
    {
        if (clock.Paused)
        {
            return;
        }
        var now = clock.GetUtcNow();
        FireDue(now);
        foreach (var e in executions.Active())
        {
            Advance(e, clock.GetUtcNow());
        }
    }

    /// <summary>
    /// The earliest next run of an enabled window, or cutoff or end of a running execution, as of the last tick (emulator
    /// time), so the scheduler can wake at that instant instead of up to a tick late (at x600 a 200 ms tick is two emulator
    /// minutes).
    /// </summary>
    public DateTimeOffset? NextDue { get; private set; }

    private void WakeAt(DateTimeOffset deadline, DateTimeOffset now)
    {
        if (deadline > now && (NextDue is null || deadline < NextDue))
        {
            NextDue = deadline;
        }
    }

    private void FireDue(DateTimeOffset now)
    {
        var list = windows.List();
        NextDue = list.Where(w => w.Enabled && w.NextRun is { } n && n > now).Select(w => w.NextRun).Min();
        foreach (var w in list.Where(w => w.Enabled && w.NextRun is { } n && n <= now))
        {
            var scheduled = w.NextRun!.Value;
            // NextExecutionTime moves on as soon as an execution starts (reference 1.4 step 6).
            var next = WindowSchedules.NextRun(w, now);
            if (next is { } upcoming && (NextDue is null || upcoming < NextDue))
            {
                NextDue = upcoming;
            }
            var missed = CountMissed(w, scheduled, now);
            if (executions.ForWindow(w.WindowId).Any(e => Active.Contains(e.Status)))
            {
                executions.Start(w.WindowId, next, new WindowExecution
                {
                    WindowExecutionId = Guid.NewGuid().ToString(), WindowId = w.WindowId, Status = "SKIPPED_OVERLAPPING",
                    StatusDetails = "The previous execution of this window is still running.", ScheduledTime = scheduled, StartTime = now, EndTime = now,
                }, []);
                events.Add("window", $"{w.Name} ({w.WindowId}) skipped its {scheduled:yyyy-MM-dd HH:mm}Z run: the previous execution is still running");
                continue;
            }
            Start(w, scheduled, next, now);
            if (missed > 0)
            {
                events.Add("clock", $"The clock jumped over {missed} more scheduled run(s) of {w.Name} after {scheduled:yyyy-MM-dd HH:mm}Z; they did not run. Next run: {next:yyyy-MM-dd HH:mm}Z");
            }
        }
    }

    private static int CountMissed(MaintenanceWindow w, DateTimeOffset scheduled, DateTimeOffset now)
    {
        var count = 0;
        var t = WindowSchedules.NextRun(w, scheduled);
        while (t is { } x && x <= now && count < 1000)
        {
            count++;
            t = WindowSchedules.NextRun(w, x);
        }
        return count;
    }

    private void Start(MaintenanceWindow w, DateTimeOffset scheduled, DateTimeOffset? next, DateTimeOffset now)
    {
        var exec = new WindowExecution
        {
            WindowExecutionId = Guid.NewGuid().ToString(), WindowId = w.WindowId, Status = "IN_PROGRESS", ScheduledTime = scheduled, StartTime = now,
        };
        var tasks = windows.Tasks(w.WindowId).Select(t => new TaskExecution
        {
            TaskExecutionId = Guid.NewGuid().ToString(), WindowExecutionId = exec.WindowExecutionId, WindowTaskId = t.WindowTaskId, TaskArn = t.TaskArn,
            TaskType = t.TaskType, Status = "PENDING", Priority = t.Priority, MaxConcurrency = t.MaxConcurrency ?? "1", MaxErrors = t.MaxErrors ?? "1",
            ServiceRole = t.ServiceRoleArn ?? ServiceLinkedRole, TaskParametersJson = TaskParameters(t),
        }).ToList();
        executions.Start(w.WindowId, next, exec, tasks);
        events.Add("window", $"{w.Name} ({w.WindowId}) started execution {exec.WindowExecutionId[..8]} with {tasks.Count} task(s); window ends {now.AddHours(w.Duration):HH:mm}Z, cutoff {now.AddHours(w.Duration - w.Cutoff):HH:mm}Z");
        CrashPoints.Hit(CrashPoints.ExecutionStarted);
    }

    private void Advance(WindowExecution e, DateTimeOffset now)
    {
        var w = windows.Get(e.WindowId);
        if (w is null)
        {
            executions.TrySetStatus(e.WindowExecutionId, Active, "CANCELLED", "The maintenance window was deleted.", now);
            return;
        }
        var end = e.StartTime.AddHours(w.Duration);
        var cutoffAt = end.AddHours(-w.Cutoff);
        // The cutoff and the end are deadlines too: the scheduler wakes at them, not up to a tick later.
        WakeAt(cutoffAt, now);
        WakeAt(end, now);
        var cancelling = e.Status == "CANCELLING";
        if (cancelling)
        {
            // CancelMaintenanceWindowExecution: tasks not started are cancelled, running ones go on to completion.
            foreach (var t in executions.Tasks(e.WindowExecutionId).Where(t => t.Status == "PENDING"))
            {
                executions.SetTaskStatus(t.TaskExecutionId, "CANCELLED", "The execution was cancelled before the task started.", now);
            }
        }
        foreach (var t in executions.Tasks(e.WindowExecutionId).Where(t => t.Status == "IN_PROGRESS"))
        {
            AdvanceTask(e, w, t, now, end, cutoffAt);
        }
        var tasks = executions.Tasks(e.WindowExecutionId);
        if (!cancelling && now < end && !tasks.Any(t => t.Status == "IN_PROGRESS"))
        {
            var pending = tasks.Where(t => t.Status == "PENDING").ToList();
            if (pending.Count > 0 && now >= cutoffAt)
            {
                // No task starts after the cutoff; tasks never started are not run and not listed [U].
                foreach (var t in pending)
                {
                    executions.DeleteTask(t.TaskExecutionId);
                }
                events.Add("window", $"{w.Name}: cutoff reached, {pending.Count} task(s) not started");
            }
            else if (pending.Count > 0)
            {
                // Lower priorities first; equal priorities start together and run in parallel.
                var priority = pending.Min(t => t.Priority);
                foreach (var t in pending.Where(t => t.Priority == priority))
                {
                    StartTask(e, w, t, now, end, cutoffAt);
                }
            }
        }
        tasks = executions.Tasks(e.WindowExecutionId);
        if (tasks.All(t => t.Status is not ("PENDING" or "IN_PROGRESS")))
        {
            var failed = tasks.Any(t => t.Status is "FAILED" or "TIMED_OUT");
            var (status, details) = cancelling
                ? ("CANCELLED", "The execution was cancelled.")
                : failed ? ("FAILED", "One or more tasks in the orchestration failed.")
                : ("SUCCESS", tasks.Count == 0 ? "No tasks to execute." : (string?)null);
            if (executions.TrySetStatus(e.WindowExecutionId, [e.Status], status, details, now))
            {
                events.Add("window", $"{w.Name} execution {e.WindowExecutionId[..8]} ended {status}");
            }
        }
        else if (now >= end)
        {
            // Work still running at the end of the window: it times out [U]. Tasks never started are not listed.
            foreach (var t in tasks.Where(t => t.Status == "PENDING"))
            {
                executions.DeleteTask(t.TaskExecutionId);
            }
            foreach (var t in tasks.Where(t => t.Status == "IN_PROGRESS"))
            {
                executions.EndUnfinishedInvocations(t.TaskExecutionId, "TIMED_OUT", "The maintenance window ended before the invocation finished.", now);
                executions.SetTaskStatus(t.TaskExecutionId, "TIMED_OUT", "The maintenance window ended before the task finished.", now);
                events.Add("window", $"{w.Name}: task {t.TaskArn} ({t.TaskExecutionId[..8]}) TIMED_OUT at the end of the window");
            }
            var status = cancelling ? "CANCELLED" : "TIMED_OUT";
            if (executions.TrySetStatus(e.WindowExecutionId, [e.Status], status, "The maintenance window ended before all tasks finished.", now))
            {
                events.Add("window", $"{w.Name} execution {e.WindowExecutionId[..8]} {status} at the end of the window");
            }
        }
    }

    private void StartTask(WindowExecution e, MaintenanceWindow w, TaskExecution t, DateTimeOffset now, DateTimeOffset end, DateTimeOffset cutoffAt)
    {
        var task = windows.Tasks(w.WindowId).FirstOrDefault(x => x.WindowTaskId == t.WindowTaskId);
        if (task is null)
        {
            Settle(t, "FAILED", "The task was deregistered before it started.", now, null, []);
            return;
        }
        if (task.TaskType != "RUN_COMMAND")
        {
            Settle(t, "FAILED",
                $"PatchLab stores {task.TaskType} tasks but runs only RUN_COMMAND tasks; this task ({task.TaskArn}) was not run.", now, null, []);
            return;
        }
        var targets = resolver.Resolve(task);
        var targetsJson = JsonSerializer.Serialize(targets);
        var doc = Documents.Find(task.TaskArn);
        if (doc is null)
        {
            var details = $"InvalidDocument: PatchLab runs the documents {string.Join(", ", Documents.All.Select(d => d.Name))}; {task.TaskArn} is not one of them.";
            Settle(t, "FAILED", details, now, targetsJson, FailedInvocations(e, t, targets, details, now));
            return;
        }
        var (_, error) = doc.Resolve(RunCommandParameters(task));
        if (error is not null)
        {
            var details = "InvalidParameters: " + error;
            Settle(t, "FAILED", details, now, targetsJson, FailedInvocations(e, t, targets, details, now));
            events.Add("window", $"{w.Name}: task {task.Name ?? task.WindowTaskId[..8]} failed to send its command: {details}");
            return;
        }
        if (targets.Count == 0)
        {
            Settle(t, "SUCCESS", "No invocations to execute.", now, targetsJson, []);
            return;
        }
        if (!executions.StartTask(t.TaskExecutionId, "IN_PROGRESS", null, now, null, targetsJson, []))
        {
            return;
        }
        events.Add("window", $"{w.Name}: task {task.Name ?? task.TaskArn} (priority {task.Priority}) started on {targets.Count} target(s)");
        CrashPoints.Hit(CrashPoints.TaskStarted);
        AdvanceTask(e, w, t with { Status = "IN_PROGRESS", ResolvedTargetsJson = targetsJson }, now, end, cutoffAt);
    }

    private void Settle(TaskExecution t, string status, string details, DateTimeOffset now, string? targetsJson, IReadOnlyList<TaskInvocation> invocations) =>
        executions.StartTask(t.TaskExecutionId, status, Truncate(details, 250), now, now, targetsJson, invocations);

    private static List<TaskInvocation> FailedInvocations(WindowExecution e, TaskExecution t, IReadOnlyList<ResolvedTarget> targets, string details,
        DateTimeOffset now) =>
        targets.Select(target => new TaskInvocation
        {
            InvocationId = Guid.NewGuid().ToString(), WindowExecutionId = e.WindowExecutionId, TaskExecutionId = t.TaskExecutionId, TaskType = t.TaskType,
            Status = "FAILED", StatusDetails = Truncate(details, 250), StartTime = now, EndTime = now, InstanceId = target.InstanceId,
            WindowTargetId = target.WindowTargetId, OwnerInformation = target.OwnerInformation,
        }).ToList();

    private void AdvanceTask(WindowExecution e, MaintenanceWindow w, TaskExecution t, DateTimeOffset now, DateTimeOffset end, DateTimeOffset cutoffAt)
    {
        var task = windows.Tasks(e.WindowId).FirstOrDefault(x => x.WindowTaskId == t.WindowTaskId);
        var targets = JsonSerializer.Deserialize<List<ResolvedTarget>>(t.ResolvedTargetsJson ?? "[]") ?? [];
        // CANCEL_TASK: at the cutoff Run Command invocations still running are cancelled (CancelCommand, best effort) and no
        // new one starts (reference 1.5).
        var cancelAtCutoff = task?.CutoffBehavior == "CANCEL_TASK" && now >= cutoffAt;
        var acked = 0;
        var mirrored = executions.Invocations(e.WindowExecutionId, t.TaskExecutionId).ToDictionary(i => i.InvocationId);
        foreach (var cs in executions.CommandStates(t.TaskExecutionId))
        {
            var inv = mirrored[cs.InvocationId];
            if (cs.StatusDetails is not { } current)
            {
                // Killed between recording this invocation and creating its command: create it now, under the same id.
                if (inv.Status is "PENDING" && task is not null && Prepare(e, task) is { } prepared)
                {
                    Send(e, t, prepared, cs.InstanceId, cs.CommandId);
                }
                continue;
            }
            if (cs.Acked || current != "Pending")
            {
                acked++;
            }
            var (start, finish) = (cs.StartTime, cs.EndTime);
            if (cancelAtCutoff && current is "Pending" or "Delayed" or "InProgress")
            {
                CancelAtCutoff(w, cs.CommandId, cs.InstanceId, now);
                var after = commands.GetInvocation(cs.CommandId, cs.InstanceId);
                (current, start, finish) = (after?.StatusDetails ?? current, after?.StartTime ?? start, after?.EndTime ?? finish);
            }
            var status = InvocationStatus.FromDetails(current);
            if (status.WindowStatus != inv.Status || status.Details != inv.StatusDetails)
            {
                executions.SetInvocationStatus(inv.InvocationId, status.WindowStatus, status.Details, start, status.IsTerminal ? finish ?? now : null);
            }
        }
        if (now >= end)
        {
            // The window is over: Advance times the task out.
            return;
        }
        var invocations = executions.Invocations(e.WindowExecutionId, t.TaskExecutionId);
        var inFlight = invocations.Count(i => Active.Contains(i.Status));
        var errors = invocations.Count(i => i.StatusDetails is "Failed" or "ExecutionTimedOut");
        var dispatched = invocations.Select(i => i.InstanceId).ToHashSet();
        var remaining = targets.Where(x => !dispatched.Contains(x.InstanceId)).ToList();
        var plan = ConcurrencyPlan.Create(t.MaxConcurrency ?? "1", t.MaxErrors ?? "1", targets.Count);
        for (var k = 0; k < acked; k++)
        {
            plan.OnAcknowledged();
        }
        var command = task is not null && !cancelAtCutoff ? Prepare(e, task) : null;
        var mayDispatch = command is not null;
        var n = mayDispatch ? plan.CanStart(inFlight, remaining.Count, errors) : 0;
        if (n > 0 && command is not null)
        {
            foreach (var target in remaining.Take(n).ToList())
            {
                var commandId = Guid.NewGuid().ToString();
                // The invocation is recorded (with its command id) before the command exists: a crash in between is repaired
                // above by creating that same command, so no instance ever gets two commands for one invocation.
                executions.InsertInvocation(new TaskInvocation
                {
                    InvocationId = Guid.NewGuid().ToString(), WindowExecutionId = e.WindowExecutionId, TaskExecutionId = t.TaskExecutionId,
                    ExecutionId = commandId, TaskType = t.TaskType, Status = "PENDING", StatusDetails = "Pending", StartTime = now,
                    InstanceId = target.InstanceId, WindowTargetId = target.WindowTargetId, OwnerInformation = target.OwnerInformation,
                    Parameters = JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["documentName"] = command.Doc.Name, ["instanceIds"] = new[] { target.InstanceId }, ["maxConcurrency"] = t.MaxConcurrency ?? "1",
                        ["maxErrors"] = t.MaxErrors ?? "1", ["parameters"] = command.Parameters, ["timeoutSeconds"] = command.TimeoutSeconds,
                    }),
                });
                CrashPoints.Hit(CrashPoints.InvocationRecorded);
                Send(e, t, command, target.InstanceId, commandId);
                inFlight++;
                remaining.RemoveAll(x => x.InstanceId == target.InstanceId);
                events.Add("command", $"Sent {command.Doc.Name} to {target.InstanceId} ({commandId[..8]}); in flight {inFlight}/{plan.Concurrency}, ramp {plan.Window}");
                CrashPoints.Hit(CrashPoints.CommandSent);
            }
        }
        if (inFlight > 0)
        {
            return;
        }
        var stoppedByErrors = plan.ShouldStop(errors) && remaining.Count > 0;
        if (remaining.Count > 0 && !stoppedByErrors && mayDispatch)
        {
            return;
        }
        var cancelled = invocations.Count(i => i.Status == "CANCELLED");
        var notSucceeded = invocations.Where(i => i.Status != "SUCCESS").ToList();
        var (status2, details) =
            cancelAtCutoff && (remaining.Count > 0 || cancelled > 0)
                ? ("TIMED_OUT", $"CutoffBehavior CANCEL_TASK: the task was stopped at the window's cutoff; {cancelled} invocation(s) cancelled, {remaining.Count} target(s) not started.")
            : stoppedByErrors
                ? ("FAILED", $"Stopped after {errors} failed invocation(s): MaxErrors is {t.MaxErrors}; {remaining.Count} target(s) were not started.")
            : remaining.Count > 0 && task is null
                ? ("FAILED", $"The task was deregistered while it ran; {remaining.Count} target(s) were not started.")
            : remaining.Count > 0
                ? ("FAILED", $"The task's document or parameters stopped being valid while it ran; {remaining.Count} target(s) were not started.")
            : notSucceeded.Count > 0
                ? ("FAILED", $"{notSucceeded.Count} of {invocations.Count} invocation(s) did not succeed: "
                    + string.Join(", ", notSucceeded.GroupBy(i => i.StatusDetails ?? i.Status).Select(g => $"{g.Count()} {g.Key}")) + ".")
            : ("SUCCESS", "Success");
        executions.SetTaskStatus(t.TaskExecutionId, status2, Truncate(details, 250), now);
        events.Add("window", $"{w.Name}: task {t.TaskArn} ({t.TaskExecutionId[..8]}) ended {status2}");
    }

    /// <summary>CANCEL_TASK at the cutoff: the command of one running invocation is cancelled; its agent gets a Cancel message.</summary>
    private void CancelAtCutoff(MaintenanceWindow w, string commandId, string instanceId, DateTimeOffset now)
    {
        foreach (var cancelling in commands.Cancel(commandId, [instanceId], now))
        {
            signals.WorkAvailable(cancelling);
        }
        commandBackend.Recompute(commandId);
        signals.InvocationsChanged();
        events.Add("command", $"{w.Name}: cutoff reached (CANCEL_TASK), cancelling {commandId[..8]} on {instanceId}");
    }

    private sealed record PreparedCommand(DocumentDefinition Doc, Dictionary<string, List<string>> Parameters, int TimeoutSeconds, string Comment);

    /// <summary>The command a task sends to each target, or null when its document or parameters are not valid any more.</summary>
    private static PreparedCommand? Prepare(WindowExecution e, WindowTask task)
    {
        if (Documents.Find(task.TaskArn) is not { } doc)
        {
            return null;
        }
        var (parameters, error) = doc.Resolve(RunCommandParameters(task));
        if (error is not null || parameters is null)
        {
            return null;
        }
        if (doc == Documents.RunPatchBaseline && string.IsNullOrEmpty(parameters["SnapshotId"].FirstOrDefault()))
        {
            // Under a window every node shares one baseline snapshot (reference 2.3.3): SnapshotId := WindowExecutionId.
            parameters["SnapshotId"] = [e.WindowExecutionId];
        }
        var (timeout, comment) = RunCommandSettings(task);
        return new PreparedCommand(doc, parameters, timeout, comment);
    }

    private void Send(WindowExecution e, TaskExecution t, PreparedCommand command, string instanceId, string commandId) =>
        commandBackend.SendToInstance(command.Doc, command.Parameters, instanceId, t.MaxConcurrency ?? "1", t.MaxErrors ?? "1", command.TimeoutSeconds,
            command.Comment, t.ServiceRole ?? ServiceLinkedRole, e.WindowExecutionId, commandId);

    /// <summary>TimeoutSeconds (default 3600, the API default) and Comment of TaskInvocationParameters.RunCommand.</summary>
    private static (int TimeoutSeconds, string Comment) RunCommandSettings(WindowTask task)
    {
        if (task.InvocationParametersJson is { } json)
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.TryGetProperty("RunCommand", out var rc) && rc.ValueKind == JsonValueKind.Object)
            {
                var timeout = rc.TryGetProperty("TimeoutSeconds", out var ts) && ts.TryGetInt32(out var v) ? v : 3600;
                var comment = rc.TryGetProperty("Comment", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
                return (timeout, comment);
            }
        }
        return (3600, "");
    }

    /// <summary>Document parameters of a task: TaskInvocationParameters.RunCommand.Parameters, else the deprecated TaskParameters.</summary>
    internal static Dictionary<string, List<string>> RunCommandParameters(WindowTask task)
    {
        var result = new Dictionary<string, List<string>>();
        if (task.InvocationParametersJson is { } json)
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.TryGetProperty("RunCommand", out var rc) && rc.TryGetProperty("Parameters", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var prop in p.EnumerateObject())
                {
                    result[prop.Name] = prop.Value.EnumerateArray().Select(v => v.GetString() ?? "").ToList();
                }
            }
            return result;
        }
        if (task.TaskParametersJson is { } tp)
        {
            using var doc = JsonDocument.Parse(tp);
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                result[prop.Name] = prop.Value.TryGetProperty("Values", out var vs) ? vs.EnumerateArray().Select(v => v.GetString() ?? "").ToList() : [];
            }
        }
        return result;
    }

    private static string? TaskParameters(WindowTask task)
    {
        var p = RunCommandParameters(task);
        return p.Count == 0 ? null : JsonSerializer.Serialize(p.ToDictionary(k => k.Key, k => new { Values = k.Value }));
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
