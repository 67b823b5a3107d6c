using Dapper;
using PatchLab.Domain.Model;

namespace PatchLab.Storage;

/// <summary>Maintenance windows, their targets, tasks and tags.</summary>
public sealed class WindowRepository(Database db)
{
    /// <summary>Inserts a window with its tags.</summary>
    public void Insert(MaintenanceWindow w, IReadOnlyDictionary<string, string> tags)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO windows (window_id, name, description, schedule, schedule_timezone, schedule_offset, start_date, end_date,
              duration, cutoff, allow_unassociated_targets, enabled, client_token, created_date, modified_date, next_run)
            VALUES (@WindowId, @Name, @Description, @Schedule, @ScheduleTimezone, @ScheduleOffset, @StartDate, @EndDate,
              @Duration, @Cutoff, @AllowUnassociatedTargets, @Enabled, @ClientToken, @Created, @Modified, @NextRun)
            """, Params(w), tx);
        foreach (var (k, v) in tags)
        {
            c.Execute("INSERT INTO tags (resource_type, resource_id, key, value) VALUES ('MaintenanceWindow', @id, @k, @v)",
                new { id = w.WindowId, k, v }, tx);
        }
        tx.Commit();
        db.Changed(Table);
    }

    /// <summary>Replaces the stored window.</summary>
    public void Update(MaintenanceWindow w)
    {
        using var c = db.Open();
        c.Execute("""
            UPDATE windows SET name=@Name, description=@Description, schedule=@Schedule, schedule_timezone=@ScheduleTimezone,
              schedule_offset=@ScheduleOffset, start_date=@StartDate, end_date=@EndDate, duration=@Duration, cutoff=@Cutoff,
              allow_unassociated_targets=@AllowUnassociatedTargets, enabled=@Enabled, modified_date=@Modified, next_run=@NextRun
            WHERE window_id=@WindowId
            """, Params(w));
        db.Changed(Table);
    }

    /// <summary>Sets the next scheduled run.</summary>
    public void SetNextRun(string windowId, DateTimeOffset? next)
    {
        using var c = db.Open();
        c.Execute("UPDATE windows SET next_run=@n WHERE window_id=@windowId", new { n = Database.Ts(next), windowId });
        db.Changed(Table);
    }

    /// <summary>Deletes a window with its targets, tasks and tags. Returns false when it did not exist.</summary>
    public bool Delete(string windowId)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute("DELETE FROM windows WHERE window_id=@windowId", new { windowId }, tx);
        c.Execute("DELETE FROM window_targets WHERE window_id=@windowId", new { windowId }, tx);
        c.Execute("DELETE FROM window_tasks WHERE window_id=@windowId", new { windowId }, tx);
        c.Execute("DELETE FROM tags WHERE resource_type='MaintenanceWindow' AND resource_id=@windowId", new { windowId }, tx);
        tx.Commit();
        db.Changed(Table);
        return n > 0;
    }

    /// <summary>Finds a window.</summary>
    public MaintenanceWindow? Get(string windowId)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<WindowRow>("SELECT * FROM windows WHERE window_id=@windowId", new { windowId })?.ToModel();
    }

    /// <summary>Finds a window by its idempotency token.</summary>
    public MaintenanceWindow? FindByClientToken(string token)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<WindowRow>("SELECT * FROM windows WHERE client_token=@token", new { token })?.ToModel();
    }

    /// <summary>All windows in creation order.</summary>
    public IReadOnlyList<MaintenanceWindow> List()
    {
        // Describe calls and every scheduler tick read the whole list: keep a snapshot until the table changes.
        var version = db.Version(Table);
        if (_snapshot is { } s && s.Version == version)
        {
            return s.Windows;
        }
        using var c = db.Open();
        var list = c.Query<WindowRow>("SELECT * FROM windows ORDER BY created_date, rowid").Select(r => r.ToModel()).ToList();
        _snapshot = new Snapshot(version, list);
        return list;
    }

    /// <summary>The table whose version guards the snapshot (<see cref="Database.Version"/>).</summary>
    public const string Table = "windows";

    private Snapshot? _snapshot;

    private sealed record Snapshot(long Version, IReadOnlyList<MaintenanceWindow> Windows);

    /// <summary>Tags of a resource.</summary>
    public IReadOnlyDictionary<string, string> Tags(string resourceType, string resourceId)
    {
        using var c = db.Open();
        return c.Query<(string Key, string Value)>("SELECT key, value FROM tags WHERE resource_type=@resourceType AND resource_id=@resourceId ORDER BY key",
            new { resourceType, resourceId }).ToDictionary(t => t.Key, t => t.Value);
    }

    /// <summary>Inserts a target.</summary>
    public void InsertTarget(WindowTarget t, string? clientToken)
    {
        using var c = db.Open();
        c.Execute("""
            INSERT INTO window_targets (window_target_id, window_id, resource_type, targets_json, owner_information, name, description, client_token, seq)
            VALUES (@WindowTargetId, @WindowId, @ResourceType, @targets, @OwnerInformation, @Name, @Description, @clientToken,
              (SELECT COALESCE(MAX(seq), 0) + 1 FROM window_targets))
            """, new { t.WindowTargetId, t.WindowId, t.ResourceType, targets = Json.Targets(t.Targets), t.OwnerInformation, t.Name, t.Description, clientToken });
    }

    /// <summary>Targets of a window in registration order.</summary>
    public IReadOnlyList<WindowTarget> Targets(string windowId)
    {
        using var c = db.Open();
        return c.Query<TargetRow>("SELECT * FROM window_targets WHERE window_id=@windowId ORDER BY seq", new { windowId }).Select(r => r.ToModel()).ToList();
    }

    /// <summary>Finds a target registered with this idempotency token.</summary>
    public WindowTarget? FindTargetByClientToken(string token)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<TargetRow>("SELECT * FROM window_targets WHERE client_token=@token", new { token })?.ToModel();
    }

    /// <summary>Inserts a task.</summary>
    public void InsertTask(WindowTask t, string? clientToken)
    {
        using var c = db.Open();
        c.Execute("""
            INSERT INTO window_tasks (window_task_id, window_id, task_type, task_arn, targets_json, service_role_arn, task_parameters_json,
              invocation_parameters_json, priority, max_concurrency, max_errors, logging_info_json, name, description, cutoff_behavior, client_token, seq,
              alarm_configuration_json)
            VALUES (@WindowTaskId, @WindowId, @TaskType, @TaskArn, @targets, @ServiceRoleArn, @TaskParametersJson, @InvocationParametersJson,
              @Priority, @MaxConcurrency, @MaxErrors, @LoggingInfoJson, @Name, @Description, @CutoffBehavior, @clientToken,
              (SELECT COALESCE(MAX(seq), 0) + 1 FROM window_tasks), @AlarmConfigurationJson)
            """, new
        {
            t.WindowTaskId, t.WindowId, t.TaskType, t.TaskArn, targets = Json.Targets(t.Targets), t.ServiceRoleArn, t.TaskParametersJson,
            t.InvocationParametersJson, t.Priority, t.MaxConcurrency, t.MaxErrors, t.LoggingInfoJson, t.Name, t.Description, t.CutoffBehavior, clientToken,
            t.AlarmConfigurationJson,
        });
    }

    /// <summary>Replaces a registered task's fields (its type, window and registration order stay).</summary>
    public void UpdateTask(WindowTask t)
    {
        using var c = db.Open();
        c.Execute("""
            UPDATE window_tasks SET task_arn=@TaskArn, targets_json=@targets, service_role_arn=@ServiceRoleArn, task_parameters_json=@TaskParametersJson,
              invocation_parameters_json=@InvocationParametersJson, priority=@Priority, max_concurrency=@MaxConcurrency, max_errors=@MaxErrors,
              logging_info_json=@LoggingInfoJson, name=@Name, description=@Description, cutoff_behavior=@CutoffBehavior,
              alarm_configuration_json=@AlarmConfigurationJson
            WHERE window_task_id=@WindowTaskId AND window_id=@WindowId
            """, new
        {
            t.WindowTaskId, t.WindowId, t.TaskArn, targets = Json.Targets(t.Targets), t.ServiceRoleArn, t.TaskParametersJson, t.InvocationParametersJson,
            t.Priority, t.MaxConcurrency, t.MaxErrors, t.LoggingInfoJson, t.Name, t.Description, t.CutoffBehavior, t.AlarmConfigurationJson,
        });
    }

    /// <summary>Deregisters a task. Returns false when the window has no such task.</summary>
    public bool DeleteTask(string windowId, string windowTaskId)
    {
        using var c = db.Open();
        return c.Execute("DELETE FROM window_tasks WHERE window_id=@windowId AND window_task_id=@windowTaskId", new { windowId, windowTaskId }) > 0;
    }

    /// <summary>Replaces a registered target's fields (its window and resource type stay).</summary>
    public void UpdateTarget(WindowTarget t)
    {
        using var c = db.Open();
        c.Execute("""
            UPDATE window_targets SET targets_json=@targets, owner_information=@OwnerInformation, name=@Name, description=@Description
            WHERE window_target_id=@WindowTargetId AND window_id=@WindowId
            """, new { t.WindowTargetId, t.WindowId, targets = Json.Targets(t.Targets), t.OwnerInformation, t.Name, t.Description });
    }

    /// <summary>
    /// Deregisters a target and, in the same transaction, removes its id from the WindowTargetIds of the window's tasks
    /// (a task left without any target keeps running with none). Returns false when the window has no such target.
    /// </summary>
    public bool DeleteTarget(string windowId, string windowTargetId)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute("DELETE FROM window_targets WHERE window_id=@windowId AND window_target_id=@windowTargetId", new { windowId, windowTargetId }, tx);
        if (n == 0)
        {
            return false;
        }
        var tasks = c.Query<(string Id, string TargetsJson)>("SELECT window_task_id, targets_json FROM window_tasks WHERE window_id=@windowId", new { windowId }, tx);
        foreach (var (id, json) in tasks.ToList())
        {
            var targets = Json.Targets(json);
            if (!targets.Any(t => t.Key == "WindowTargetIds" && t.Values.Contains(windowTargetId)))
            {
                continue;
            }
            var kept = targets
                .Select(t => t.Key == "WindowTargetIds" ? t with { Values = [.. t.Values.Where(v => v != windowTargetId)] } : t)
                .Where(t => t.Values.Count > 0)
                .ToList();
            c.Execute("UPDATE window_tasks SET targets_json=@json WHERE window_task_id=@id", new { id, json = Json.Targets(kept) }, tx);
        }
        tx.Commit();
        return true;
    }

    /// <summary>Tasks of a window in registration order.</summary>
    public IReadOnlyList<WindowTask> Tasks(string windowId)
    {
        using var c = db.Open();
        return c.Query<TaskRow>("SELECT * FROM window_tasks WHERE window_id=@windowId ORDER BY seq", new { windowId }).Select(r => r.ToModel()).ToList();
    }

    /// <summary>Finds a task registered with this idempotency token.</summary>
    public WindowTask? FindTaskByClientToken(string token)
    {
        using var c = db.Open();
        return c.QueryFirstOrDefault<TaskRow>("SELECT * FROM window_tasks WHERE client_token=@token", new { token })?.ToModel();
    }

    private static object Params(MaintenanceWindow w) => new
    {
        w.WindowId, w.Name, w.Description, w.Schedule, w.ScheduleTimezone, w.ScheduleOffset, w.StartDate, w.EndDate, w.Duration, w.Cutoff,
        AllowUnassociatedTargets = w.AllowUnassociatedTargets ? 1 : 0, Enabled = w.Enabled ? 1 : 0, w.ClientToken,
        Created = Database.Ts(w.CreatedDate), Modified = Database.Ts(w.ModifiedDate), NextRun = Database.Ts(w.NextRun),
    };

    private sealed class WindowRow
    {
        public string WindowId { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public string Schedule { get; set; } = "";
        public string? ScheduleTimezone { get; set; }
        public long? ScheduleOffset { get; set; }
        public string? StartDate { get; set; }
        public string? EndDate { get; set; }
        public long Duration { get; set; }
        public long Cutoff { get; set; }
        public long AllowUnassociatedTargets { get; set; }
        public long Enabled { get; set; }
        public string? ClientToken { get; set; }
        public string CreatedDate { get; set; } = "";
        public string ModifiedDate { get; set; } = "";
        public string? NextRun { get; set; }

        public MaintenanceWindow ToModel() => new()
        {
            WindowId = WindowId, Name = Name, Description = Description, Schedule = Schedule, ScheduleTimezone = ScheduleTimezone,
            ScheduleOffset = (int?)ScheduleOffset, StartDate = StartDate, EndDate = EndDate, Duration = (int)Duration, Cutoff = (int)Cutoff,
            AllowUnassociatedTargets = AllowUnassociatedTargets != 0, Enabled = Enabled != 0, ClientToken = ClientToken,
            CreatedDate = Database.ParseTs(CreatedDate), ModifiedDate = Database.ParseTs(ModifiedDate), NextRun = Database.ParseTsOrNull(NextRun),
        };
    }

    private sealed class TargetRow
    {
        public string WindowTargetId { get; set; } = "";
        public string WindowId { get; set; } = "";
        public string ResourceType { get; set; } = "";
        public string TargetsJson { get; set; } = "";
        public string? OwnerInformation { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }

        public WindowTarget ToModel() => new()
        {
            WindowTargetId = WindowTargetId, WindowId = WindowId, ResourceType = ResourceType, Targets = Json.Targets(TargetsJson),
            OwnerInformation = OwnerInformation, Name = Name, Description = Description,
        };
    }

    private sealed class TaskRow
    {
        public string WindowTaskId { get; set; } = "";
        public string WindowId { get; set; } = "";
        public string TaskType { get; set; } = "";
        public string TaskArn { get; set; } = "";
        public string TargetsJson { get; set; } = "";
        public string? ServiceRoleArn { get; set; }
        public string? TaskParametersJson { get; set; }
        public string? InvocationParametersJson { get; set; }
        public long Priority { get; set; }
        public string? MaxConcurrency { get; set; }
        public string? MaxErrors { get; set; }
        public string? LoggingInfoJson { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public string CutoffBehavior { get; set; } = "CONTINUE_TASK";
        public string? AlarmConfigurationJson { get; set; }

        public WindowTask ToModel() => new()
        {
            WindowTaskId = WindowTaskId, WindowId = WindowId, TaskType = TaskType, TaskArn = TaskArn, Targets = Json.Targets(TargetsJson),
            ServiceRoleArn = ServiceRoleArn, TaskParametersJson = TaskParametersJson, InvocationParametersJson = InvocationParametersJson,
            Priority = (int)Priority, MaxConcurrency = MaxConcurrency, MaxErrors = MaxErrors, LoggingInfoJson = LoggingInfoJson, Name = Name,
            Description = Description, CutoffBehavior = CutoffBehavior, AlarmConfigurationJson = AlarmConfigurationJson,
        };
    }
}
