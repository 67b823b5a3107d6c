using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;

namespace PatchLab.Emulator.Ssm;

/// <summary>
/// Updating and deregistering windows, targets and tasks (reference 1.2, 2.1, 2.2). Without <c>Replace</c> an update keeps
/// every field it does not send; with <c>Replace=true</c> every field the create/register operation requires must be sent
/// and the optional fields not sent are cleared ("set to null"). The merged result is validated as a create would be.
/// </summary>
internal sealed partial class MaintenanceWindowOperations
{
    private const string ReplaceRequires = "Member must not be null (Replace=true requires every field {0} requires)";

    private object Update(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var name = r.String("Name", min: 3, max: 128, pattern: NamePattern);
        var description = r.String("Description", min: 1, max: 128);
        var start = r.String("StartDate", min: 1);
        var end = r.String("EndDate", min: 1);
        var schedule = r.String("Schedule", min: 1, max: 256);
        var tz = r.String("ScheduleTimezone");
        var offset = r.Int("ScheduleOffset", min: 1, max: 6);
        var duration = r.Int("Duration", min: 1, max: 24);
        var cutoff = r.Int("Cutoff", min: 0, max: 23);
        var allow = r.Bool("AllowUnassociatedTargets");
        var enabled = r.Bool("Enabled");
        var replace = r.Bool("Replace") ?? false;
        if (replace)
        {
            RequireForReplace(r, "CreateMaintenanceWindow", ("Name", name), ("Schedule", schedule), ("Duration", duration), ("Cutoff", cutoff),
                ("AllowUnassociatedTargets", allow));
        }
        r.ThrowIfInvalid();
        var w = RequireWindow(id!);
        var now = clock.GetUtcNow();
        var merged = replace
            ? w with
            {
                Name = name!, Description = description, StartDate = start, EndDate = end, Schedule = schedule!, ScheduleTimezone = tz,
                ScheduleOffset = offset, Duration = duration!.Value, Cutoff = cutoff!.Value, AllowUnassociatedTargets = allow!.Value,
                Enabled = enabled ?? w.Enabled, ModifiedDate = now,
            }
            : w with
            {
                Name = name ?? w.Name, Description = description ?? w.Description, StartDate = start ?? w.StartDate, EndDate = end ?? w.EndDate,
                Schedule = schedule ?? w.Schedule, ScheduleTimezone = tz ?? w.ScheduleTimezone, ScheduleOffset = offset ?? w.ScheduleOffset,
                Duration = duration ?? w.Duration, Cutoff = cutoff ?? w.Cutoff, AllowUnassociatedTargets = allow ?? w.AllowUnassociatedTargets,
                Enabled = enabled ?? w.Enabled, ModifiedDate = now,
            };
        // Cutoff < Duration holds for the window as it will be, not only for the fields sent [U: inferred].
        CheckCutoff(merged.Cutoff, merged.Duration);
        ValidateSchedule(merged, now, endDateGiven: end is not null);
        var timing = merged.Schedule != w.Schedule || merged.ScheduleTimezone != w.ScheduleTimezone || merged.ScheduleOffset != w.ScheduleOffset
            || merged.StartDate != w.StartDate || merged.EndDate != w.EndDate || merged.Enabled != w.Enabled;
        // A run already due keeps its place; a change of schedule, dates or Enabled recomputes the next run from now.
        merged = merged with { NextRun = timing ? WindowSchedules.NextRun(merged, now) : w.NextRun };
        windows.Update(merged);
        events.Add("window", $"Updated maintenance window {merged.WindowId} ({merged.Name}){(replace ? " with Replace" : "")}; next run {WindowSchedules.NextExecutionTime(merged) ?? "none"}");
        // The response echoes the window without dates or NextExecutionTime.
        return new
        {
            merged.WindowId, merged.Name, merged.Description, merged.StartDate, merged.EndDate, merged.Schedule, merged.ScheduleTimezone,
            merged.ScheduleOffset, merged.Duration, merged.Cutoff, merged.AllowUnassociatedTargets, merged.Enabled,
        };
    }

    /// <summary>Replace=true: each create-required field must be present (framework wording, naming the field).</summary>
    private static void RequireForReplace(RequestReader r, string createOperation, params (string Member, object? Value)[] fields)
    {
        foreach (var (member, value) in fields.Where(f => f.Value is null))
        {
            r.Fail(member, null, string.Format(System.Globalization.CultureInfo.InvariantCulture, ReplaceRequires, createOperation));
        }
    }

    private WindowTarget RequireTarget(string windowId, string windowTargetId) =>
        windows.Targets(windowId).FirstOrDefault(t => t.WindowTargetId == windowTargetId)
        ?? throw new DoesNotExistException($"Window target {windowTargetId} does not exist in maintenance window {windowId}");

    private WindowTask RequireTaskOf(string windowId, string windowTaskId) =>
        windows.Tasks(windowId).FirstOrDefault(t => t.WindowTaskId == windowTaskId)
        ?? throw new DoesNotExistException($"Maintenance window task {windowTaskId} does not exist in maintenance window {windowId}");

    private object UpdateTarget(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var targetId = r.String("WindowTargetId", required: true, min: 36, max: 36, pattern: UuidPattern);
        var targets = TargetsReader.Read(r, "Targets", required: false, maxTargets: 5);
        var owner = r.String("OwnerInformation", min: 1, max: 128);
        var name = r.String("Name", min: 3, max: 128, pattern: NamePattern);
        var description = r.String("Description", min: 1, max: 128);
        var replace = r.Bool("Replace") ?? false;
        if (replace)
        {
            RequireForReplace(r, "RegisterTargetWithMaintenanceWindow", ("Targets", targets));
        }
        r.ThrowIfInvalid();
        RequireWindow(id!);
        var t = RequireTarget(id!, targetId!);
        var merged = replace
            ? t with { Targets = targets!, OwnerInformation = owner, Name = name, Description = description }
            : t with
            {
                Targets = targets ?? t.Targets, OwnerInformation = owner ?? t.OwnerInformation, Name = name ?? t.Name, Description = description ?? t.Description,
            };
        if (targets is not null)
        {
            ValidateWindowTargets(merged.ResourceType, merged.Targets);
        }
        windows.UpdateTarget(merged);
        events.Add("window", $"Updated target {merged.WindowTargetId} of {id}: {string.Join(" ", merged.Targets.Select(x => $"{x.Key}={string.Join(',', x.Values)}"))}");
        return new
        {
            merged.WindowId, merged.WindowTargetId, Targets = TargetsReader.ToWire(merged.Targets), merged.OwnerInformation, merged.Name, merged.Description,
        };
    }

    /// <summary>
    /// DeregisterTargetFromMaintenanceWindow. With Safe=true a target still named by a task is refused (TargetInUseException);
    /// without it the target is removed and its id is taken out of the tasks' WindowTargetIds [U: the emulator's reading].
    /// </summary>
    private object DeregisterTarget(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var targetId = r.String("WindowTargetId", required: true, min: 36, max: 36, pattern: UuidPattern);
        var safe = r.Bool("Safe") ?? false;
        r.ThrowIfInvalid();
        RequireWindow(id!);
        RequireTarget(id!, targetId!);
        var users = windows.Tasks(id!).Where(t => t.Targets.Any(x => x.Key == "WindowTargetIds" && x.Values.Contains(targetId!))).ToList();
        if (safe && users.Count > 0)
        {
            throw new TargetInUseException(
                $"Window target {targetId} is referenced by task(s) {string.Join(", ", users.Select(t => t.WindowTaskId))} of maintenance window {id}. Update or deregister those tasks first, or deregister without --safe to remove the target from them.");
        }
        windows.DeleteTarget(id!, targetId!);
        events.Add("window", $"Deregistered target {targetId} from {id}{(users.Count > 0 ? $"; removed from {users.Count} task(s)" : "")}");
        return new { WindowId = id, WindowTargetId = targetId };
    }

    private object GetTask(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var taskId = r.String("WindowTaskId", required: true, min: 36, max: 36, pattern: UuidPattern);
        r.ThrowIfInvalid();
        RequireWindow(id!);
        return TaskToWire(RequireTaskOf(id!, taskId!));
    }

    /// <summary>A task as GetMaintenanceWindowTask and UpdateMaintenanceWindowTask return it.</summary>
    private static object TaskToWire(WindowTask t) => new
    {
        t.WindowId, t.WindowTaskId, Targets = TargetsReader.ToWire(t.Targets), t.TaskArn, ServiceRoleArn = t.ServiceRoleArn ?? ServiceLinkedRole,
        t.TaskType, TaskParameters = Raw(t.TaskParametersJson), TaskInvocationParameters = Raw(t.InvocationParametersJson), t.Priority,
        // Targetless tasks report the placeholder "1" for both (reference 2.2).
        MaxConcurrency = t.MaxConcurrency ?? "1", MaxErrors = t.MaxErrors ?? "1", LoggingInfo = Raw(t.LoggingInfoJson), t.Name, t.Description,
        t.CutoffBehavior, AlarmConfiguration = Raw(t.AlarmConfigurationJson),
    };

    private static JsonElement? Raw(string? json) => json is null ? null : JsonSerializer.Deserialize<JsonElement>(json);

    /// <summary>
    /// UpdateMaintenanceWindowTask. The type cannot change. Fields not sent are kept, except TaskInvocationParameters, which is
    /// replaced as a whole when sent: members not sent again are removed (reference 2.2, the model's documentation).
    /// </summary>
    private object UpdateTask(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var taskId = r.String("WindowTaskId", required: true, min: 36, max: 36, pattern: UuidPattern);
        var targets = TargetsReader.Read(r, "Targets", required: false, maxTargets: 5);
        var taskArn = r.String("TaskArn", min: 1, max: 1600);
        var role = r.String("ServiceRoleArn");
        var taskParams = r.Element("TaskParameters", JsonValueKind.Object);
        var invocation = ReadInvocationParameters(r);
        var priority = r.Int("Priority", min: 0);
        var maxConcurrency = r.String("MaxConcurrency", min: 1, max: 7, pattern: MaxConcurrencyPattern);
        var maxErrors = r.String("MaxErrors", min: 1, max: 7, pattern: MaxErrorsPattern);
        var logging = ReadLoggingInfo(r);
        var name = r.String("Name", min: 3, max: 128, pattern: NamePattern);
        var description = r.String("Description", min: 1, max: 128);
        var cutoffBehavior = r.String("CutoffBehavior", allowed: CutoffBehaviors);
        var alarms = ReadAlarmConfiguration(r);
        var replace = r.Bool("Replace") ?? false;
        if (replace)
        {
            RequireForReplace(r, "RegisterTaskWithMaintenanceWindow", ("TaskArn", taskArn));
        }
        r.ThrowIfInvalid();
        var window = RequireWindow(id!);
        var t = RequireTaskOf(id!, taskId!);
        var merged = replace
            ? t with
            {
                Targets = targets ?? [], TaskArn = taskArn!, ServiceRoleArn = role, TaskParametersJson = taskParams?.GetRawText(),
                InvocationParametersJson = invocation?.GetRawText(), Priority = priority ?? DefaultPriority, MaxConcurrency = maxConcurrency,
                MaxErrors = maxErrors, LoggingInfoJson = logging?.GetRawText(), Name = name, Description = description,
                CutoffBehavior = cutoffBehavior ?? "CONTINUE_TASK", AlarmConfigurationJson = alarms?.GetRawText(),
            }
            : t with
            {
                Targets = targets ?? t.Targets, TaskArn = taskArn ?? t.TaskArn, ServiceRoleArn = role ?? t.ServiceRoleArn,
                TaskParametersJson = taskParams?.GetRawText() ?? t.TaskParametersJson,
                InvocationParametersJson = invocation?.GetRawText() ?? t.InvocationParametersJson, Priority = priority ?? t.Priority,
                MaxConcurrency = maxConcurrency ?? t.MaxConcurrency, MaxErrors = maxErrors ?? t.MaxErrors, LoggingInfoJson = logging?.GetRawText() ?? t.LoggingInfoJson,
                Name = name ?? t.Name, Description = description ?? t.Description, CutoffBehavior = cutoffBehavior ?? t.CutoffBehavior,
                AlarmConfigurationJson = alarms?.GetRawText() ?? t.AlarmConfigurationJson,
            };
        ValidateTask(window, merged);
        windows.UpdateTask(merged);
        events.Add("window", $"Updated task {merged.WindowTaskId} of {id}{(replace ? " with Replace" : "")} ({merged.TaskArn}, priority {merged.Priority})");
        return TaskToWire(merged);
    }

    private object DeregisterTask(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var taskId = r.String("WindowTaskId", required: true, min: 36, max: 36, pattern: UuidPattern);
        r.ThrowIfInvalid();
        RequireWindow(id!);
        RequireTaskOf(id!, taskId!);
        windows.DeleteTask(id!, taskId!);
        events.Add("window", $"Deregistered task {taskId} from {id}");
        return new { WindowId = id, WindowTaskId = taskId };
    }
}
