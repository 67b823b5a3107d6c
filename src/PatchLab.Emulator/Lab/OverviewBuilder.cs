using PatchLab.Contracts.Lab;
using PatchLab.Emulator.AgentApi;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Hosting;
using PatchLab.Storage;

namespace PatchLab.Emulator.Lab;

/// <summary>Builds the dashboard's one-poll snapshot.</summary>
public sealed class OverviewBuilder(InstanceRepository instances, WindowRepository windows, ExecutionRepository executions, ComplianceRepository compliance,
    EventRepository events, LabClock clock, PingStatusRule ping)
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
                LastPing = i.LastPing, PatchGroup = i.PatchGroup, Installed = s?.Installed, Missing = s?.Missing, Failed = s?.Failed,
                PendingReboot = s?.InstalledPendingReboot, Compliance = s is null ? "" : s.IsCompliant ? "COMPLIANT" : "NON_COMPLIANT",
            });
        }
        var windowNames = new Dictionary<string, string>();
        foreach (var w in windows.List())
        {
            windowNames[w.WindowId] = w.Name;
            dto.Windows.Add(new WindowRow
            {
                WindowId = w.WindowId, Name = w.Name, Schedule = w.Schedule, ScheduleTimezone = w.ScheduleTimezone ?? "", NextExecution = w.Enabled ? w.NextRun : null,
                Enabled = w.Enabled, Duration = w.Duration, Cutoff = w.Cutoff, LastStatus = executions.ForWindow(w.WindowId).FirstOrDefault()?.Status ?? "",
            });
        }
        foreach (var e in executions.Recent(20))
        {
            var row = new ExecutionRow
            {
                WindowExecutionId = e.WindowExecutionId, WindowId = e.WindowId, WindowName = windowNames.GetValueOrDefault(e.WindowId, ""), Status = e.Status,
                StatusDetails = e.StatusDetails ?? "", StartTime = e.StartTime, EndTime = e.EndTime,
            };
            foreach (var inv in executions.Invocations(e.WindowExecutionId, null))
            {
                row.Invocations.Add(new InvocationRow
                {
                    InstanceId = inv.InstanceId, InstanceName = names.GetValueOrDefault(inv.InstanceId, ""), CommandId = inv.ExecutionId ?? "",
                    Status = inv.Status, StatusDetails = inv.StatusDetails ?? "", StartTime = inv.StartTime, EndTime = inv.EndTime,
                });
            }
            dto.Executions.Add(row);
        }
        dto.Events.AddRange(events.Latest(200).Select(e => new EventRow { Time = e.Time, Kind = e.Kind, Message = e.Message }));
        return dto;
    }
}
