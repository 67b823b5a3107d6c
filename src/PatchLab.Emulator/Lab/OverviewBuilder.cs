using System.Text.Json;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Model;
using PatchLab.Domain.RunCommand;
using PatchLab.Domain.Scheduling;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Hosting;
using PatchLab.Storage;

namespace PatchLab.Emulator.Lab;

/// <summary>Builds the dashboard's one-poll snapshot.</summary>
public sealed class OverviewBuilder(InstanceRepository instances, WindowRepository windows, ExecutionRepository executions, ComplianceRepository compliance,
    EventRepository events, LabClock clock, PingStatusRule ping, TargetResolver resolver)
{
    /// <summary>Everything the dashboard shows.</summary>
    public OverviewDto Build()
    {
        var all = instances.List();
        var names = all.ToDictionary(i => i.InstanceId, i => i.Name);
        var states = compliance.States(null).ToDictionary(s => s.InstanceId);
        var dto = new OverviewDto { Clock = LabEndpoints.ClockOf(clock) };
        foreach (var i in all.Where(i => i.State != "terminated"))
        {
            states.TryGetValue(i.InstanceId, out var s);
            dto.Instances.Add(new InstanceRow
            {
                InstanceId = i.InstanceId, Name = i.Name, Os = i.Os, Tags = i.Tags.ToDictionary(), PingStatus = ping.Of(i), State = i.State,
                LastPing = i.LastPing, PatchGroup = i.PatchGroup, BaselineId = s?.BaselineId ?? "", Installed = s?.Installed, Missing = s?.Missing,
                Failed = s?.Failed, PendingReboot = s?.InstalledPendingReboot, Compliance = s is null ? "" : s.IsCompliant ? "COMPLIANT" : "NON_COMPLIANT",
            });
        }
        var windowNames = new Dictionary<string, string>();
        foreach (var w in windows.List())
        {
            windowNames[w.WindowId] = w.Name;
            var row = new WindowRow
            {
                WindowId = w.WindowId, Name = w.Name, Schedule = w.Schedule, ScheduleDescription = Describe(w), ScheduleTimezone = w.ScheduleTimezone ?? "",
                NextExecution = w.Enabled ? w.NextRun : null, Enabled = w.Enabled, Duration = w.Duration, Cutoff = w.Cutoff,
                LastStatus = executions.ForWindow(w.WindowId).FirstOrDefault()?.Status ?? "",
            };
            foreach (var t in windows.Targets(w.WindowId))
            {
                row.Targets.Add(new WindowTargetRow { WindowTargetId = t.WindowTargetId, Name = t.Name ?? "", ResourceType = t.ResourceType, Targets = ToRows(t.Targets) });
            }
            foreach (var task in windows.Tasks(w.WindowId).OrderBy(t => t.Priority))
            {
                row.Tasks.Add(new WindowTaskRow
                {
                    WindowTaskId = task.WindowTaskId, Name = task.Name ?? "", TaskArn = task.TaskArn, TaskType = task.TaskType, Priority = task.Priority,
                    MaxConcurrency = task.MaxConcurrency ?? "", MaxErrors = task.MaxErrors ?? "", Targets = ToRows(task.Targets),
                    // The engine's own rule, applied now: what the window would hit if it fired at this instant.
                    InstanceIds = [.. resolver.Resolve(task).Select(r => r.InstanceId)],
                });
            }
            dto.Windows.Add(row);
        }
        foreach (var e in executions.Recent(20))
        {
            var row = new ExecutionRow
            {
                WindowExecutionId = e.WindowExecutionId, WindowId = e.WindowId, WindowName = windowNames.GetValueOrDefault(e.WindowId, ""), Status = e.Status,
                StatusDetails = e.StatusDetails ?? "", StartTime = e.StartTime, EndTime = e.EndTime,
            };
            var invocations = executions.Invocations(e.WindowExecutionId, null);
            foreach (var inv in invocations)
            {
                row.Invocations.Add(new InvocationRow
                {
                    InstanceId = inv.InstanceId, InstanceName = names.GetValueOrDefault(inv.InstanceId, ""), CommandId = inv.ExecutionId ?? "",
                    TaskExecutionId = inv.TaskExecutionId, Status = inv.Status, StatusDetails = inv.StatusDetails ?? "", StartTime = inv.StartTime, EndTime = inv.EndTime,
                });
            }
            foreach (var t in executions.Tasks(e.WindowExecutionId).OrderBy(t => t.Priority))
            {
                row.Tasks.Add(ToRow(t, invocations.Where(i => i.TaskExecutionId == t.TaskExecutionId).ToList()));
            }
            dto.Executions.Add(row);
        }
        dto.Events.AddRange(events.Latest(200).Select(e => new EventRow { Time = e.Time, Kind = e.Kind, Message = e.Message }));
        return dto;
    }

    private static string Describe(MaintenanceWindow w)
    {
        try
        {
            return WindowSchedules.Schedule(w).Describe();
        }
        catch (ScheduleException)
        {
            return ""; // stored before a rule tightened: the dashboard shows the expression as written
        }
    }

    private static List<TargetRow> ToRows(IEnumerable<Target> targets) => [.. targets.Select(t => new TargetRow { Key = t.Key, Values = [.. t.Values] })];

    private static ExecutionTaskRow ToRow(TaskExecution t, IReadOnlyList<TaskInvocation> invocations)
    {
        var targets = t.ResolvedTargetsJson is { } json ? JsonSerializer.Deserialize<List<ResolvedTarget>>(json) ?? [] : [];
        var row = new ExecutionTaskRow
        {
            TaskExecutionId = t.TaskExecutionId, WindowTaskId = t.WindowTaskId, TaskArn = t.TaskArn, TaskType = t.TaskType, Status = t.Status,
            Priority = t.Priority, MaxConcurrency = t.MaxConcurrency ?? "", MaxErrors = t.MaxErrors ?? "", TargetCount = targets.Count,
            TargetInstanceIds = [.. targets.Select(x => x.InstanceId)], StartTime = t.StartTime, EndTime = t.EndTime,
        };
        // Same defaults and ramp as WindowEngine.AdvanceTask: the window grows once per acknowledged (no longer Pending) target.
        var maxConcurrency = t.MaxConcurrency ?? "1";
        var maxErrors = t.MaxErrors ?? "1";
        if (targets.Count > 0 && ConcurrencyPlan.IsValidMaxConcurrency(maxConcurrency) && ConcurrencyPlan.IsValidMaxErrors(maxErrors))
        {
            var plan = ConcurrencyPlan.Create(maxConcurrency, maxErrors, targets.Count);
            var acked = invocations.Count(i => i.StatusDetails is not (null or "Pending"));
            for (var k = 0; k < acked && plan.Window < plan.Concurrency; k++)
            {
                plan.OnAcknowledged();
            }
            row.ConcurrencyLimit = plan.Concurrency;
            row.ErrorLimit = plan.ErrorsAllowed;
            row.RampLimit = plan.Window;
        }
        return row;
    }
}
