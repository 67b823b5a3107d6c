using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Domain.RunCommand;
using PatchLab.Domain.Status;
using PatchLab.Emulator.Backend;
using PatchLab.Storage;

namespace PatchLab.Emulator.Hosting;

/// <summary>
/// Fires maintenance windows and drives their executions. Every step is a pure function of what SQLite holds, called
/// on each scheduler tick, so an emulator restart resumes executions where they were (nothing is kept only in memory):
/// the MaxConcurrency ramp is re-derived from how many invocations were acknowledged.
/// </summary>
public sealed class WindowEngine(WindowRepository windows, ExecutionRepository executions, CommandRepository commands, CommandBackend commandBackend,
    TargetResolver resolver, LabClock clock, EventLog events)
{
    private const string ServiceLinkedRole = "arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM";

    /// <summary>One scheduler pass: fire due windows, advance running executions, expire commands.</summary>
    public void Tick()
    {
        var now = clock.GetUtcNow();
        FireDue(now);
        foreach (var e in executions.Active())
        {
            Advance(e, clock.GetUtcNow());
        }
        commandBackend.ExpireDue();
    }

    private void FireDue(DateTimeOffset now)
    {
        foreach (var w in windows.List().Where(w => w.Enabled && w.NextRun is { } n && n <= now))
        {
            var scheduled = w.NextRun!.Value;
            var next = WindowSchedules.NextRun(w, now);
            windows.SetNextRun(w.WindowId, next);
            var missed = CountMissed(w, scheduled, now);
            if (executions.ForWindow(w.WindowId).Any(e => e.Status is "PENDING" or "IN_PROGRESS" or "CANCELLING"))
            {
                executions.Insert(new WindowExecution
                {
                    WindowExecutionId = Guid.NewGuid().ToString(), WindowId = w.WindowId, Status = "SKIPPED_OVERLAPPING",
                    StatusDetails = "The previous execution of this window is still running.", ScheduledTime = scheduled, StartTime = now, EndTime = now,
                });
                events.Add("window", $"{w.Name} ({w.WindowId}) skipped its {scheduled:yyyy-MM-dd HH:mm}Z run: the previous execution is still running");
                continue;
            }
            Start(w, scheduled, now);
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

    private void Start(MaintenanceWindow w, DateTimeOffset scheduled, DateTimeOffset now)
    {
        var exec = new WindowExecution
        {
            WindowExecutionId = Guid.NewGuid().ToString(), WindowId = w.WindowId, Status = "IN_PROGRESS", ScheduledTime = scheduled, StartTime = now,
        };
        executions.Insert(exec);
        var tasks = windows.Tasks(w.WindowId);
        foreach (var t in tasks)
        {
            executions.InsertTask(new TaskExecution
            {
                TaskExecutionId = Guid.NewGuid().ToString(), WindowExecutionId = exec.WindowExecutionId, WindowTaskId = t.WindowTaskId, TaskArn = t.TaskArn,
                TaskType = t.TaskType, Status = "PENDING", Priority = t.Priority, MaxConcurrency = t.MaxConcurrency ?? "1", MaxErrors = t.MaxErrors ?? "1",
                ServiceRole = t.ServiceRoleArn ?? ServiceLinkedRole, TaskParametersJson = TaskParameters(t),
            });
        }
        events.Add("window", $"{w.Name} ({w.WindowId}) started execution {exec.WindowExecutionId[..8]} with {tasks.Count} task(s); window ends {now.AddHours(w.Duration):HH:mm}Z, cutoff {now.AddHours(w.Duration - w.Cutoff):HH:mm}Z");
    }

    private void Advance(WindowExecution e, DateTimeOffset now)
    {
        var w = windows.Get(e.WindowId);
        if (w is null)
        {
            executions.SetStatus(e.WindowExecutionId, "CANCELLED", "The maintenance window was deleted.", now);
            return;
        }
        var end = e.StartTime.AddHours(w.Duration);
        var cutoffAt = end.AddHours(-w.Cutoff);
        foreach (var t in executions.Tasks(e.WindowExecutionId).Where(t => t.Status == "IN_PROGRESS"))
        {
            AdvanceTask(e, t, now, end, cutoffAt);
        }
        var tasks = executions.Tasks(e.WindowExecutionId);
        if (!tasks.Any(t => t.Status == "IN_PROGRESS"))
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
            var status = failed ? "FAILED" : "SUCCESS";
            var details = failed ? "One or more tasks in the orchestration failed." : tasks.Count == 0 ? "No tasks to execute." : null;
            executions.SetStatus(e.WindowExecutionId, status, details, now);
            events.Add("window", $"{w.Name} execution {e.WindowExecutionId[..8]} ended {status}");
        }
        else if (now >= end)
        {
            // Work still running at the end of the window: the execution times out [U].
            foreach (var t in tasks.Where(t => t.Status is "PENDING" or "IN_PROGRESS"))
            {
                executions.SetTaskStatus(t.TaskExecutionId, "TIMED_OUT", "The maintenance window ended before the task finished.", now);
            }
            executions.SetStatus(e.WindowExecutionId, "TIMED_OUT", "The maintenance window ended before all tasks finished.", now);
            events.Add("window", $"{w.Name} execution {e.WindowExecutionId[..8]} TIMED_OUT at the end of the window");
        }
    }

    private void StartTask(WindowExecution e, MaintenanceWindow w, TaskExecution t, DateTimeOffset now, DateTimeOffset end, DateTimeOffset cutoffAt)
    {
        var task = windows.Tasks(w.WindowId).FirstOrDefault(x => x.WindowTaskId == t.WindowTaskId);
        if (task is null)
        {
            executions.SetTaskStatus(t.TaskExecutionId, "FAILED", "The task was deregistered before it started.", now);
            return;
        }
        executions.SetTaskStatus(t.TaskExecutionId, "IN_PROGRESS", null, null);
        executions.SetTaskStart(t.TaskExecutionId, now);
        if (task.TaskType != "RUN_COMMAND")
        {
            executions.SetTaskStatus(t.TaskExecutionId, "FAILED",
                $"PatchLab stores {task.TaskType} tasks but runs only RUN_COMMAND tasks so far.", now);
            return;
        }
        var doc = Documents.Find(task.TaskArn);
        var targets = resolver.Resolve(task);
        executions.SetResolvedTargets(t.TaskExecutionId, JsonSerializer.Serialize(targets));
        if (doc is null)
        {
            FailAll(e, t, targets, $"InvalidDocument: PatchLab runs the documents {string.Join(", ", Documents.All.Select(d => d.Name))}; {task.TaskArn} is not one of them.", now);
            return;
        }
        var (parameters, error) = doc.Resolve(RunCommandParameters(task));
        if (error is not null)
        {
            FailAll(e, t, targets, "InvalidParameters: " + error, now);
            events.Add("window", $"{w.Name}: task {task.Name ?? task.WindowTaskId[..8]} failed to send its command: InvalidParameters: {error}");
            return;
        }
        if (targets.Count == 0)
        {
            executions.SetTaskStatus(t.TaskExecutionId, "SUCCESS", "No invocations to execute.", now);
            return;
        }
        AdvanceTask(e, t with { Status = "IN_PROGRESS", ResolvedTargetsJson = JsonSerializer.Serialize(targets) }, now, end, cutoffAt);
    }

    private void FailAll(WindowExecution e, TaskExecution t, IReadOnlyList<ResolvedTarget> targets, string details, DateTimeOffset now)
    {
        foreach (var target in targets)
        {
            executions.InsertInvocation(new TaskInvocation
            {
                InvocationId = Guid.NewGuid().ToString(), WindowExecutionId = e.WindowExecutionId, TaskExecutionId = t.TaskExecutionId, TaskType = t.TaskType,
                Status = "FAILED", StatusDetails = Truncate(details, 250), StartTime = now, EndTime = now, InstanceId = target.InstanceId,
                WindowTargetId = target.WindowTargetId, OwnerInformation = target.OwnerInformation,
            });
        }
        executions.SetTaskStatus(t.TaskExecutionId, "FAILED", Truncate(details, 250), now);
    }

    private void AdvanceTask(WindowExecution e, TaskExecution t, DateTimeOffset now, DateTimeOffset end, DateTimeOffset cutoffAt)
    {
        var targets = JsonSerializer.Deserialize<List<ResolvedTarget>>(t.ResolvedTargetsJson ?? "[]") ?? [];
        var invocations = executions.Invocations(e.WindowExecutionId, t.TaskExecutionId);
        var acked = 0;
        foreach (var inv in invocations.Where(i => i.ExecutionId is not null))
        {
            var ci = commands.GetInvocation(inv.ExecutionId!, inv.InstanceId);
            if (ci is null)
            {
                continue;
            }
            if (ci.Acked || ci.StatusDetails != "Pending")
            {
                acked++;
            }
            var status = InvocationStatus.FromDetails(ci.StatusDetails);
            if (status.WindowStatus != inv.Status || status.Details != inv.StatusDetails)
            {
                executions.SetInvocationStatus(inv.InvocationId, status.WindowStatus, status.Details, ci.StartTime, status.IsTerminal ? ci.EndTime ?? now : null);
            }
        }
        invocations = executions.Invocations(e.WindowExecutionId, t.TaskExecutionId);
        var inFlight = invocations.Count(i => i.Status is "PENDING" or "IN_PROGRESS" or "CANCELLING");
        var errors = invocations.Count(i => i.StatusDetails is "Failed" or "ExecutionTimedOut");
        var dispatched = invocations.Select(i => i.InstanceId).ToHashSet();
        var remaining = targets.Where(x => !dispatched.Contains(x.InstanceId)).ToList();
        var plan = ConcurrencyPlan.Create(t.MaxConcurrency ?? "1", t.MaxErrors ?? "1", targets.Count);
        for (var k = 0; k < acked; k++)
        {
            plan.OnAcknowledged();
        }
        var task = windows.Tasks(e.WindowId).FirstOrDefault(x => x.WindowTaskId == t.WindowTaskId);
        var mayDispatch = now < end && !(task?.CutoffBehavior == "CANCEL_TASK" && now >= cutoffAt) && task is not null;
        var n = mayDispatch ? plan.CanStart(inFlight, remaining.Count, errors) : 0;
        if (n > 0 && task is not null && Documents.Find(task.TaskArn) is { } doc)
        {
            var (parameters, _) = doc.Resolve(RunCommandParameters(task));
            if (doc == Documents.RunPatchBaseline && string.IsNullOrEmpty(parameters!["SnapshotId"].FirstOrDefault()))
            {
                // Under a window every node shares one baseline snapshot (reference 2.3.3): SnapshotId := WindowExecutionId.
                parameters["SnapshotId"] = [e.WindowExecutionId];
            }
            var rc = RunCommandSettings(task);
            foreach (var target in remaining.Take(n))
            {
                var cmd = commandBackend.SendToInstance(doc, parameters!, target.InstanceId, t.MaxConcurrency ?? "1", t.MaxErrors ?? "1", rc.TimeoutSeconds,
                    rc.Comment, t.ServiceRole ?? ServiceLinkedRole, e.WindowExecutionId);
                executions.InsertInvocation(new TaskInvocation
                {
                    InvocationId = Guid.NewGuid().ToString(), WindowExecutionId = e.WindowExecutionId, TaskExecutionId = t.TaskExecutionId,
                    ExecutionId = cmd.CommandId, TaskType = t.TaskType, Status = "PENDING", StatusDetails = "Pending", StartTime = now,
                    InstanceId = target.InstanceId, WindowTargetId = target.WindowTargetId, OwnerInformation = target.OwnerInformation,
                    Parameters = JsonSerializer.Serialize(new Dictionary<string, object>
                    {
                        ["documentName"] = doc.Name, ["instanceIds"] = new[] { target.InstanceId }, ["maxConcurrency"] = t.MaxConcurrency ?? "1",
                        ["maxErrors"] = t.MaxErrors ?? "1", ["parameters"] = parameters!, ["timeoutSeconds"] = rc.TimeoutSeconds,
                    }),
                });
                events.Add("command", $"Sent {doc.Name} to {target.InstanceId} ({cmd.CommandId[..8]}); in flight {inFlight + 1}/{plan.Concurrency}, ramp {plan.Window}");
                inFlight++;
                remaining.RemoveAll(x => x.InstanceId == target.InstanceId);
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
        var anyFailed = invocations.Any(i => i.Status is "FAILED" or "TIMED_OUT" or "CANCELLED");
        string details = stoppedByErrors
            ? $"Stopped after {errors} failed invocation(s): MaxErrors is {t.MaxErrors}; {remaining.Count} target(s) were not started."
            : remaining.Count > 0 ? $"{remaining.Count} target(s) were not started before the window's cutoff." : anyFailed ? "One or more invocations failed." : "Success";
        executions.SetTaskStatus(t.TaskExecutionId, anyFailed || stoppedByErrors ? "FAILED" : "SUCCESS", details, now);
    }

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
