using Dapper;
using PatchLab.Domain.Model;

namespace PatchLab.Storage;

/// <summary>Window executions, task executions and task invocations.</summary>
public sealed class ExecutionRepository(Database db)
{
    /// <summary>Inserts a window execution.</summary>
    public void Insert(WindowExecution e)
    {
        using var c = db.Open();
        InsertExecution(c, null, e);
    }

    /// <summary>
    /// Records that a window fired, in one transaction: its next run moves on, and the execution is inserted with its task
    /// executions. A crash can therefore neither lose the run nor leave an execution with only some of its tasks.
    /// </summary>
    public void Start(string windowId, DateTimeOffset? nextRun, WindowExecution e, IReadOnlyList<TaskExecution> tasks)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute("UPDATE windows SET next_run=@n WHERE window_id=@windowId", new { n = Database.Ts(nextRun), windowId }, tx);
        InsertExecution(c, tx, e);
        foreach (var t in tasks)
        {
            InsertTaskExecution(c, tx, t);
        }
        tx.Commit();
        db.Changed(WindowRepository.Table);
    }

    /// <summary>Sets status, details and (when given) end time of a window execution.</summary>
    public void SetStatus(string windowExecutionId, string status, string? details, DateTimeOffset? end)
    {
        using var c = db.Open();
        c.Execute("UPDATE window_executions SET status=@status, status_details=@details, end_time=COALESCE(@end, end_time) WHERE window_execution_id=@windowExecutionId",
            new { windowExecutionId, status, details, end = Database.Ts(end) });
    }

    /// <summary>
    /// Moves a window execution to <paramref name="status"/> only while its status is one of <paramref name="from"/> (so a
    /// cancel request and the scheduler settling the execution cannot overwrite each other). False when it was not.
    /// </summary>
    public bool TrySetStatus(string windowExecutionId, IReadOnlyCollection<string> from, string status, string? details, DateTimeOffset? end)
    {
        using var c = db.Open();
        return c.Execute("""
            UPDATE window_executions SET status=@status, status_details=@details, end_time=COALESCE(@end, end_time)
            WHERE window_execution_id=@windowExecutionId AND status IN @from
            """, new { windowExecutionId, status, details, end = Database.Ts(end), from = from.ToArray() }) > 0;
    }

    /// <summary>One window execution.</summary>
    public WindowExecution? Get(string windowExecutionId)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<ExecRow>("SELECT * FROM window_executions WHERE window_execution_id=@windowExecutionId", new { windowExecutionId })?.ToModel();
    }

    /// <summary>Executions of a window, newest first.</summary>
    public IReadOnlyList<WindowExecution> ForWindow(string windowId)
    {
        using var c = db.Open();
        return c.Query<ExecRow>("SELECT * FROM window_executions WHERE window_id=@windowId ORDER BY start_time DESC, rowid DESC", new { windowId })
            .Select(r => r.ToModel()).ToList();
    }

    /// <summary>Most recent executions across windows.</summary>
    public IReadOnlyList<WindowExecution> Recent(int count)
    {
        using var c = db.Open();
        return c.Query<ExecRow>("SELECT * FROM window_executions ORDER BY start_time DESC, rowid DESC LIMIT @count", new { count }).Select(r => r.ToModel()).ToList();
    }

    /// <summary>Executions not finished (used at start-up to settle what a restart interrupted).</summary>
    public IReadOnlyList<WindowExecution> Active()
    {
        using var c = db.Open();
        return c.Query<ExecRow>("SELECT * FROM window_executions WHERE status IN ('PENDING','IN_PROGRESS','CANCELLING')").Select(r => r.ToModel()).ToList();
    }

    /// <summary>Inserts a task execution.</summary>
    public void InsertTask(TaskExecution t)
    {
        using var c = db.Open();
        InsertTaskExecution(c, null, t);
    }

    /// <summary>
    /// Starts a PENDING task execution in one transaction: its status, start (and end, when it settles at once), the targets it
    /// resolved, and any invocations recorded at start (a task that fails before dispatching anything). False when the task
    /// was no longer PENDING, in which case nothing is written.
    /// </summary>
    public bool StartTask(string taskExecutionId, string status, string? details, DateTimeOffset start, DateTimeOffset? end, string? resolvedTargetsJson,
        IReadOnlyList<TaskInvocation> invocations)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var n = c.Execute("""
            UPDATE task_executions SET status=@status, status_details=@details, start_time=@start, end_time=@end, resolved_targets_json=@resolvedTargetsJson
            WHERE task_execution_id=@taskExecutionId AND status='PENDING'
            """, new { taskExecutionId, status, details, start = Database.Ts(start), end = Database.Ts(end), resolvedTargetsJson }, tx);
        if (n == 0)
        {
            return false;
        }
        foreach (var i in invocations)
        {
            InsertInvocationRow(c, tx, i);
        }
        tx.Commit();
        return true;
    }

    /// <summary>Ends every unfinished invocation of a task execution with <paramref name="status"/> (the window ended under it).</summary>
    public void EndUnfinishedInvocations(string taskExecutionId, string status, string details, DateTimeOffset end)
    {
        using var c = db.Open();
        c.Execute("""
            UPDATE task_invocations SET status=@status, status_details=@details, end_time=@end
            WHERE task_execution_id=@taskExecutionId AND status IN ('PENDING','IN_PROGRESS','CANCELLING')
            """, new { taskExecutionId, status, details, end = Database.Ts(end) });
    }

    /// <summary>Sets a task execution's status.</summary>
    public void SetTaskStatus(string taskExecutionId, string status, string? details, DateTimeOffset? end)
    {
        using var c = db.Open();
        c.Execute("UPDATE task_executions SET status=@status, status_details=@details, end_time=COALESCE(@end, end_time) WHERE task_execution_id=@taskExecutionId",
            new { taskExecutionId, status, details, end = Database.Ts(end) });
    }

    /// <summary>Sets a task execution's start time.</summary>
    public void SetTaskStart(string taskExecutionId, DateTimeOffset start)
    {
        using var c = db.Open();
        c.Execute("UPDATE task_executions SET start_time=@start WHERE task_execution_id=@taskExecutionId", new { taskExecutionId, start = Database.Ts(start) });
    }

    /// <summary>Stores the targets a task resolved when it started (JSON).</summary>
    public void SetResolvedTargets(string taskExecutionId, string json)
    {
        using var c = db.Open();
        c.Execute("UPDATE task_executions SET resolved_targets_json=@json WHERE task_execution_id=@taskExecutionId", new { taskExecutionId, json });
    }

    /// <summary>Removes a task execution that never started (tasks not started before the cutoff are not listed).</summary>
    public void DeleteTask(string taskExecutionId)
    {
        using var c = db.Open();
        c.Execute("DELETE FROM task_executions WHERE task_execution_id=@taskExecutionId AND status='PENDING'", new { taskExecutionId });
    }

    /// <summary>Task executions of a window execution.</summary>
    public IReadOnlyList<TaskExecution> Tasks(string windowExecutionId)
    {
        using var c = db.Open();
        return c.Query<TaskRow>("SELECT * FROM task_executions WHERE window_execution_id=@windowExecutionId ORDER BY priority, rowid", new { windowExecutionId })
            .Select(r => r.ToModel()).ToList();
    }

    /// <summary>Inserts a task invocation.</summary>
    public void InsertInvocation(TaskInvocation i)
    {
        using var c = db.Open();
        InsertInvocationRow(c, null, i);
    }

    /// <summary>Updates a task invocation's status.</summary>
    public void SetInvocationStatus(string invocationId, string status, string? details, DateTimeOffset? start, DateTimeOffset? end)
    {
        using var c = db.Open();
        c.Execute("""
            UPDATE task_invocations SET status=@status, status_details=@details, start_time=COALESCE(start_time, @start), end_time=COALESCE(@end, end_time)
            WHERE invocation_id=@invocationId
            """, new { invocationId, status, details, start = Database.Ts(start), end = Database.Ts(end) });
    }

    /// <summary>Invocations of a task execution (or of the whole window execution when taskExecutionId is null).</summary>
    public IReadOnlyList<TaskInvocation> Invocations(string windowExecutionId, string? taskExecutionId)
    {
        using var c = db.Open();
        return c.Query<InvRow>("""
            SELECT * FROM task_invocations WHERE window_execution_id=@windowExecutionId AND (@taskExecutionId IS NULL OR task_execution_id=@taskExecutionId)
            ORDER BY seq
            """, new { windowExecutionId, taskExecutionId }).Select(r => r.ToModel()).ToList();
    }

    /// <summary>The Run Command state of every dispatched invocation of a task execution, in dispatch order (one query).</summary>
    public IReadOnlyList<InvocationCommandState> CommandStates(string taskExecutionId)
    {
        using var c = db.Open();
        return c.Query<(string InvocationId, string CommandId, string InstanceId, string? StatusDetails, long? Acked, string? StartTime, string? EndTime)>("""
            SELECT ti.invocation_id, ti.execution_id, ti.instance_id, i.status_details, i.acked, i.start_time, i.end_time
            FROM task_invocations ti LEFT JOIN invocations i ON i.command_id = ti.execution_id AND i.instance_id = ti.instance_id
            WHERE ti.task_execution_id=@taskExecutionId AND ti.execution_id IS NOT NULL
            ORDER BY ti.seq
            """, new { taskExecutionId })
            .Select(r => new InvocationCommandState(r.InvocationId, r.CommandId, r.InstanceId, r.StatusDetails, r.Acked == 1,
                Database.ParseTsOrNull(r.StartTime), Database.ParseTsOrNull(r.EndTime)))
            .ToList();
    }

    private static void InsertExecution(System.Data.IDbConnection c, System.Data.IDbTransaction? tx, WindowExecution e) => c.Execute("""
        INSERT INTO window_executions (window_execution_id, window_id, status, status_details, scheduled_time, start_time, end_time)
        VALUES (@WindowExecutionId, @WindowId, @Status, @StatusDetails, @sched, @start, @end)
        """, new
    {
        e.WindowExecutionId, e.WindowId, e.Status, e.StatusDetails, sched = Database.Ts(e.ScheduledTime), start = Database.Ts(e.StartTime),
        end = Database.Ts(e.EndTime),
    }, tx);

    private static void InsertTaskExecution(System.Data.IDbConnection c, System.Data.IDbTransaction? tx, TaskExecution t) => c.Execute("""
        INSERT INTO task_executions (task_execution_id, window_execution_id, window_task_id, task_arn, task_type, status, status_details,
          start_time, end_time, priority, max_concurrency, max_errors, service_role, task_parameters_json)
        VALUES (@TaskExecutionId, @WindowExecutionId, @WindowTaskId, @TaskArn, @TaskType, @Status, @StatusDetails, @start, @end, @Priority,
          @MaxConcurrency, @MaxErrors, @ServiceRole, @TaskParametersJson)
        """, new
    {
        t.TaskExecutionId, t.WindowExecutionId, t.WindowTaskId, t.TaskArn, t.TaskType, t.Status, t.StatusDetails, start = Database.Ts(t.StartTime),
        end = Database.Ts(t.EndTime), t.Priority, t.MaxConcurrency, t.MaxErrors, t.ServiceRole, t.TaskParametersJson,
    }, tx);

    private static void InsertInvocationRow(System.Data.IDbConnection c, System.Data.IDbTransaction? tx, TaskInvocation i) => c.Execute("""
        INSERT INTO task_invocations (invocation_id, window_execution_id, task_execution_id, execution_id, task_type, parameters, status,
          status_details, start_time, end_time, owner_information, window_target_id, instance_id, seq)
        VALUES (@InvocationId, @WindowExecutionId, @TaskExecutionId, @ExecutionId, @TaskType, @Parameters, @Status, @StatusDetails, @start, @end,
          @OwnerInformation, @WindowTargetId, @InstanceId, (SELECT COALESCE(MAX(seq), 0) + 1 FROM task_invocations))
        """, new
    {
        i.InvocationId, i.WindowExecutionId, i.TaskExecutionId, i.ExecutionId, i.TaskType, i.Parameters, i.Status, i.StatusDetails,
        start = Database.Ts(i.StartTime), end = Database.Ts(i.EndTime), i.OwnerInformation, i.WindowTargetId, i.InstanceId,
    }, tx);

    private sealed class ExecRow
    {
        public string WindowExecutionId { get; set; } = "";
        public string WindowId { get; set; } = "";
        public string Status { get; set; } = "";
        public string? StatusDetails { get; set; }
        public string? ScheduledTime { get; set; }
        public string StartTime { get; set; } = "";
        public string? EndTime { get; set; }

        public WindowExecution ToModel() => new()
        {
            WindowExecutionId = WindowExecutionId, WindowId = WindowId, Status = Status, StatusDetails = StatusDetails,
            ScheduledTime = Database.ParseTsOrNull(ScheduledTime), StartTime = Database.ParseTs(StartTime), EndTime = Database.ParseTsOrNull(EndTime),
        };
    }

    private sealed class TaskRow
    {
        public string TaskExecutionId { get; set; } = "";
        public string WindowExecutionId { get; set; } = "";
        public string WindowTaskId { get; set; } = "";
        public string TaskArn { get; set; } = "";
        public string TaskType { get; set; } = "";
        public string Status { get; set; } = "";
        public string? StatusDetails { get; set; }
        public string? StartTime { get; set; }
        public string? EndTime { get; set; }
        public long Priority { get; set; }
        public string? MaxConcurrency { get; set; }
        public string? MaxErrors { get; set; }
        public string? ServiceRole { get; set; }
        public string? TaskParametersJson { get; set; }
        public string? ResolvedTargetsJson { get; set; }

        public TaskExecution ToModel() => new()
        {
            TaskExecutionId = TaskExecutionId, WindowExecutionId = WindowExecutionId, WindowTaskId = WindowTaskId, TaskArn = TaskArn, TaskType = TaskType,
            Status = Status, StatusDetails = StatusDetails, StartTime = Database.ParseTsOrNull(StartTime), EndTime = Database.ParseTsOrNull(EndTime),
            Priority = (int)Priority, MaxConcurrency = MaxConcurrency, MaxErrors = MaxErrors, ServiceRole = ServiceRole, TaskParametersJson = TaskParametersJson,
            ResolvedTargetsJson = ResolvedTargetsJson,
        };
    }

    private sealed class InvRow
    {
        public string InvocationId { get; set; } = "";
        public string WindowExecutionId { get; set; } = "";
        public string TaskExecutionId { get; set; } = "";
        public string? ExecutionId { get; set; }
        public string TaskType { get; set; } = "";
        public string? Parameters { get; set; }
        public string Status { get; set; } = "";
        public string? StatusDetails { get; set; }
        public string? StartTime { get; set; }
        public string? EndTime { get; set; }
        public string? OwnerInformation { get; set; }
        public string? WindowTargetId { get; set; }
        public string InstanceId { get; set; } = "";

        public TaskInvocation ToModel() => new()
        {
            InvocationId = InvocationId, WindowExecutionId = WindowExecutionId, TaskExecutionId = TaskExecutionId, ExecutionId = ExecutionId,
            TaskType = TaskType, Parameters = Parameters, Status = Status, StatusDetails = StatusDetails, StartTime = Database.ParseTsOrNull(StartTime),
            EndTime = Database.ParseTsOrNull(EndTime), OwnerInformation = OwnerInformation, WindowTargetId = WindowTargetId, InstanceId = InstanceId,
        };
    }
}
