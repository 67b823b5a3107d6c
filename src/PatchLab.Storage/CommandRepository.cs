using Dapper;
using PatchLab.Domain.Model;

namespace PatchLab.Storage;

/// <summary>Run Command commands and their per-instance invocations.</summary>
public sealed class CommandRepository(Database db)
{
    /// <summary>
    /// Inserts a command with one Pending invocation per instance, in one transaction, in target order. With
    /// <paramref name="dispatched"/> false the invocations wait for the dispatcher (rate control) before any agent sees them.
    /// </summary>
    public void Insert(Command cmd, IReadOnlyList<string> instanceIds, bool dispatched = true)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        c.Execute("""
            INSERT INTO commands (command_id, document_name, document_version, comment, parameters_json, instance_ids_json, targets_json, requested_at,
              expires_after, status, status_details, max_concurrency, max_errors, timeout_seconds, service_role, target_count, completed_count, error_count,
              delivery_timed_out_count, cancel_requested, window_execution_id, output_s3_region, output_s3_bucket_name, output_s3_key_prefix,
              notification_arn, notification_events_json, notification_type, cloudwatch_log_group_name, cloudwatch_output_enabled)
            VALUES (@CommandId, @DocumentName, @DocumentVersion, @Comment, @parameters, @instanceIds, @targets, @requested, @expires, @Status, @StatusDetails,
              @MaxConcurrency, @MaxErrors, @TimeoutSeconds, @ServiceRole, @TargetCount, 0, 0, 0, 0, @WindowExecutionId, @OutputS3Region, @OutputS3BucketName,
              @OutputS3KeyPrefix, @NotificationArn, @notificationEvents, @NotificationType, @CloudWatchLogGroupName, @cloudWatchEnabled)
            """, new
        {
            cmd.CommandId, cmd.DocumentName, cmd.DocumentVersion, cmd.Comment, parameters = Json.Of(cmd.Parameters), instanceIds = Json.Of(cmd.InstanceIds),
            targets = Json.Targets(cmd.Targets), requested = Database.Ts(cmd.RequestedDateTime), expires = Database.Ts(cmd.ExpiresAfter), cmd.Status,
            cmd.StatusDetails, cmd.MaxConcurrency, cmd.MaxErrors, cmd.TimeoutSeconds, cmd.ServiceRole, TargetCount = instanceIds.Count, cmd.WindowExecutionId,
            cmd.OutputS3Region, cmd.OutputS3BucketName, cmd.OutputS3KeyPrefix, cmd.NotificationArn, notificationEvents = Json.Of(cmd.NotificationEvents),
            cmd.NotificationType, cmd.CloudWatchLogGroupName, cloudWatchEnabled = cmd.CloudWatchOutputEnabled ? 1 : 0,
        }, tx);
        foreach (var id in instanceIds)
        {
            c.Execute("INSERT INTO invocations (command_id, instance_id, status_details, requested_at, dispatched) VALUES (@cmdId, @id, 'Pending', @at, @dispatched)",
                new { cmdId = cmd.CommandId, id, at = Database.Ts(cmd.RequestedDateTime), dispatched = dispatched ? 1 : 0 }, tx);
        }
        tx.Commit();
    }

    /// <summary>One command.</summary>
    public Command? Get(string commandId)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<CmdRow>("SELECT * FROM commands WHERE command_id=@commandId", new { commandId })?.ToModel();
    }

    /// <summary>Commands, newest first, optionally for one instance.</summary>
    public IReadOnlyList<Command> List(string? commandId, string? instanceId)
    {
        using var c = db.Open();
        return c.Query<CmdRow>("""
            SELECT * FROM commands c WHERE (@commandId IS NULL OR c.command_id=@commandId)
              AND (@instanceId IS NULL OR EXISTS (SELECT 1 FROM invocations i WHERE i.command_id=c.command_id AND i.instance_id=@instanceId))
            ORDER BY requested_at DESC, rowid DESC
            """, new { commandId, instanceId }).Select(r => r.ToModel()).ToList();
    }

    /// <summary>Commands not yet final.</summary>
    public IReadOnlyList<Command> Active()
    {
        using var c = db.Open();
        return c.Query<CmdRow>("SELECT * FROM commands WHERE status IN ('Pending','InProgress','Cancelling')").Select(r => r.ToModel()).ToList();
    }

    /// <summary>
    /// Re-derives a command's status and counters from its invocations with <paramref name="derive"/>, reading and writing in
    /// one write transaction (BEGIN IMMEDIATE). Recomputes that meet (two agents' last replies at once, an acknowledgement and
    /// a dispatch) so take turns, and the one that writes last has read every invocation change committed before it began.
    /// Read and written apart, a recompute that read before the other reply committed could store its stale InProgress after
    /// the other's final status, and with every invocation final nothing would recompute the command again.
    /// Returns false when the command does not exist.
    /// </summary>
    public bool Recompute(string commandId, Func<Command, IReadOnlyList<CommandInvocation>, CommandTally> derive)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction(deferred: false);
        var cmd = c.QuerySingleOrDefault<CmdRow>("SELECT * FROM commands WHERE command_id=@commandId", new { commandId }, tx)?.ToModel();
        if (cmd is null)
        {
            return false;
        }
        var invocations = c.Query<InvRow>("SELECT * FROM invocations WHERE command_id=@commandId ORDER BY rowid", new { commandId }, tx)
            .Select(r => r.ToModel()).ToList();
        var t = derive(cmd, invocations);
        c.Execute("""
            UPDATE commands SET status=@Status, status_details=@Details, completed_count=@Completed, error_count=@Errors, delivery_timed_out_count=@DeliveryTimedOut
            WHERE command_id=@commandId
            """, new { commandId, t.Status, t.Details, t.Completed, t.Errors, t.DeliveryTimedOut }, tx);
        tx.Commit();
        return true;
    }

    /// <summary>Marks a command cancel-requested.</summary>
    public void SetCancelRequested(string commandId)
    {
        using var c = db.Open();
        c.Execute("UPDATE commands SET cancel_requested=1 WHERE command_id=@commandId", new { commandId });
    }

    /// <summary>Invocations, optionally filtered.</summary>
    public IReadOnlyList<CommandInvocation> Invocations(string? commandId, string? instanceId)
    {
        using var c = db.Open();
        return c.Query<InvRow>("""
            SELECT * FROM invocations WHERE (@commandId IS NULL OR command_id=@commandId) AND (@instanceId IS NULL OR instance_id=@instanceId)
            ORDER BY requested_at DESC, rowid DESC
            """, new { commandId, instanceId }).Select(r => r.ToModel()).ToList();
    }

    /// <summary>One invocation.</summary>
    public CommandInvocation? GetInvocation(string commandId, string instanceId)
    {
        using var c = db.Open();
        return c.QuerySingleOrDefault<InvRow>("SELECT * FROM invocations WHERE command_id=@commandId AND instance_id=@instanceId", new { commandId, instanceId })?.ToModel();
    }

    /// <summary>Invocations of a command in target (dispatch) order.</summary>
    public IReadOnlyList<CommandInvocation> InvocationsInOrder(string commandId)
    {
        using var c = db.Open();
        return c.Query<InvRow>("SELECT * FROM invocations WHERE command_id=@commandId ORDER BY rowid", new { commandId }).Select(r => r.ToModel()).ToList();
    }

    /// <summary>
    /// Messages the agent of <paramref name="instanceId"/> should receive now, marked delivered: dispatched invocations not
    /// final and not acknowledged (Run), and Cancelling invocations whose Cancel message is not acknowledged (returned with
    /// StatusDetails Cancelling). Either is delivered again when the last delivery was before <paramref name="redeliverBefore"/>
    /// (at-least-once; the agent deduplicates).
    /// </summary>
    public IReadOnlyList<CommandInvocation> TakeDeliverable(string instanceId, DateTimeOffset now, DateTimeOffset redeliverBefore)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var before = Database.Ts(redeliverBefore);
        var runs = c.Query<InvRow>("""
            SELECT * FROM invocations WHERE instance_id=@instanceId AND dispatched=1 AND acked=0 AND status_details IN ('Pending','Delayed','InProgress')
              AND (delivered_at IS NULL OR delivered_at < @before)
            ORDER BY requested_at, rowid
            """, new { instanceId, before }, tx).ToList();
        foreach (var r in runs)
        {
            c.Execute("UPDATE invocations SET delivered_at=@now WHERE command_id=@CommandId AND instance_id=@InstanceId",
                new { now = Database.Ts(now), r.CommandId, r.InstanceId }, tx);
        }
        var cancels = c.Query<InvRow>("""
            SELECT * FROM invocations WHERE instance_id=@instanceId AND dispatched=1 AND cancel_acked=0 AND status_details='Cancelling'
              AND (cancel_delivered_at IS NULL OR cancel_delivered_at < @before)
            ORDER BY requested_at, rowid
            """, new { instanceId, before }, tx).ToList();
        foreach (var r in cancels)
        {
            c.Execute("UPDATE invocations SET cancel_delivered_at=@now WHERE command_id=@CommandId AND instance_id=@InstanceId",
                new { now = Database.Ts(now), r.CommandId, r.InstanceId }, tx);
        }
        tx.Commit();
        return [.. runs.Concat(cancels).Select(r => r.ToModel())];
    }

    /// <summary>
    /// Called once as the emulator starts, before any poll is answered: a Run or Cancel message that an earlier run recorded
    /// as delivered but no agent acknowledged may never have left it (a long-poll's answer cut off by a kill right after the
    /// commit). It is due again at the agent's first poll, not a whole redelivery interval later; agents deduplicate by
    /// message id, so one that did receive it loses nothing. Returns how many deliveries were forgotten.
    /// </summary>
    public int ForgetUnacknowledgedDeliveries()
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var runs = c.Execute("UPDATE invocations SET delivered_at=NULL WHERE acked=0 AND delivered_at IS NOT NULL", transaction: tx);
        var cancels = c.Execute("UPDATE invocations SET cancel_delivered_at=NULL WHERE cancel_acked=0 AND cancel_delivered_at IS NOT NULL", transaction: tx);
        tx.Commit();
        return runs + cancels;
    }

    /// <summary>The rate control starts an invocation: from now on its agent receives it.</summary>
    /// <remarks>
    /// Only a Pending invocation starts: one statement that checks and sets, so a CancelCommand (or an expiry) landing while
    /// the dispatcher decides leaves its Cancelled invocation undispatched. Returns false when the invocation was no longer Pending.
    /// </remarks>
    public bool MarkDispatched(string commandId, string instanceId)
    {
        using var c = db.Open();
        return c.Execute("UPDATE invocations SET dispatched=1 WHERE command_id=@commandId AND instance_id=@instanceId AND status_details='Pending'",
            new { commandId, instanceId }) == 1;
    }

    /// <summary>
    /// CancelCommand: marks the command cancel-requested; invocations no agent has received become Cancelled at once, the
    /// others Cancelling (their agents get a Cancel message). <paramref name="instanceIds"/> null means every invocation.
    /// Returns the invocations that became Cancelling.
    /// </summary>
    public IReadOnlyList<string> Cancel(string commandId, IReadOnlyCollection<string>? instanceIds, DateTimeOffset now)
    {
        using var c = db.Open();
        using var tx = c.BeginTransaction();
        var all = instanceIds is null ? 1 : 0;
        var ids = instanceIds?.ToArray() ?? [];
        c.Execute("UPDATE commands SET cancel_requested=1 WHERE command_id=@commandId", new { commandId }, tx);
        c.Execute("""
            UPDATE invocations SET status_details='Cancelled', end_time=@now
            WHERE command_id=@commandId AND (@all=1 OR instance_id IN @ids) AND status_details IN ('Pending','Delayed') AND acked=0
              AND (dispatched=0 OR delivered_at IS NULL)
            """, new { commandId, all, ids, now = Database.Ts(now) }, tx);
        var cancelling = c.Query<string>("""
            SELECT instance_id FROM invocations
            WHERE command_id=@commandId AND (@all=1 OR instance_id IN @ids) AND status_details IN ('Pending','Delayed','InProgress')
            """, new { commandId, all, ids }, tx).ToList();
        c.Execute("""
            UPDATE invocations SET status_details='Cancelling', cancel_delivered_at=NULL, cancel_acked=0
            WHERE command_id=@commandId AND (@all=1 OR instance_id IN @ids) AND status_details IN ('Pending','Delayed','InProgress')
            """, new { commandId, all, ids }, tx);
        tx.Commit();
        return cancelling;
    }

    /// <summary>
    /// The agent acknowledged a Cancel message. When it had never acknowledged the document itself it holds nothing to stop:
    /// the invocation is Cancelled now; otherwise its Cancelled (or final) reply settles it.
    /// </summary>
    public bool AcknowledgeCancel(string commandId, string instanceId, DateTimeOffset now)
    {
        using var c = db.Open();
        return c.Execute("""
            UPDATE invocations SET cancel_acked=1,
              status_details=CASE WHEN acked=0 AND status_details='Cancelling' THEN 'Cancelled' ELSE status_details END,
              end_time=CASE WHEN acked=0 AND status_details='Cancelling' THEN @now ELSE end_time END
            WHERE command_id=@commandId AND instance_id=@instanceId AND cancel_acked=0
            """, new { commandId, instanceId, now = Database.Ts(now) }) > 0;
    }

    /// <summary>Moves an invocation to <paramref name="statusDetails"/> only while it is in one of <paramref name="from"/>; false otherwise.</summary>
    public bool TrySetInvocationStatus(string commandId, string instanceId, IReadOnlyCollection<string> from, string statusDetails, DateTimeOffset? end)
    {
        using var c = db.Open();
        return c.Execute("""
            UPDATE invocations SET status_details=@statusDetails, end_time=COALESCE(@end, end_time)
            WHERE command_id=@commandId AND instance_id=@instanceId AND status_details IN @from
            """, new { commandId, instanceId, statusDetails, end = Database.Ts(end), from = from.ToArray() }) > 0;
    }

    /// <summary>Records the agent's acknowledgement: InProgress, start time.</summary>
    public bool Acknowledge(string commandId, string instanceId, DateTimeOffset now)
    {
        using var c = db.Open();
        return c.Execute("""
            UPDATE invocations SET acked=1, start_time=COALESCE(start_time, @now),
              status_details=CASE WHEN status_details IN ('Pending','Delayed') THEN 'InProgress' ELSE status_details END
            WHERE command_id=@commandId AND instance_id=@instanceId
            """, new { commandId, instanceId, now = Database.Ts(now) }) > 0;
    }

    /// <summary>Applies an agent reply if its sequence is newer than the last one applied. Returns false for stale replies.</summary>
    public bool ApplyReply(string commandId, string instanceId, long sequence, string statusDetails, int responseCode, bool rebootRequested,
        IReadOnlyList<PluginResult> plugins, DateTimeOffset? end)
    {
        using var c = db.Open();
        return c.Execute("""
            UPDATE invocations SET last_sequence=@sequence, status_details=@statusDetails, response_code=@responseCode, reboot_requested=@reboot,
              plugins_json=@plugins, end_time=@end, acked=1
            WHERE command_id=@commandId AND instance_id=@instanceId AND last_sequence < @sequence
              AND status_details NOT IN ('Success','Failed','ExecutionTimedOut','DeliveryTimedOut','Cancelled','Terminated','Undeliverable','InvalidPlatform')
            """, new
        {
            commandId, instanceId, sequence, statusDetails, responseCode, reboot = rebootRequested ? 1 : 0, plugins = Json.Of(plugins),
            end = Database.Ts(end),
        }) > 0;
    }

    /// <summary>Forces a final status (timeouts, cancels, undeliverable).</summary>
    public void SetInvocationStatus(string commandId, string instanceId, string statusDetails, DateTimeOffset? end)
    {
        using var c = db.Open();
        c.Execute("UPDATE invocations SET status_details=@statusDetails, end_time=COALESCE(@end, end_time) WHERE command_id=@commandId AND instance_id=@instanceId",
            new { commandId, instanceId, statusDetails, end = Database.Ts(end) });
    }

    /// <summary>Clears the reboot flag once the instance has booted again.</summary>
    public void ClearRebootRequested(string instanceId)
    {
        using var c = db.Open();
        c.Execute("UPDATE invocations SET reboot_requested=0 WHERE instance_id=@instanceId AND reboot_requested=1", new { instanceId });
    }

    private sealed class CmdRow
    {
        public string CommandId { get; set; } = "";
        public string DocumentName { get; set; } = "";
        public string DocumentVersion { get; set; } = "";
        public string Comment { get; set; } = "";
        public string ParametersJson { get; set; } = "{}";
        public string InstanceIdsJson { get; set; } = "[]";
        public string TargetsJson { get; set; } = "[]";
        public string RequestedAt { get; set; } = "";
        public string ExpiresAfter { get; set; } = "";
        public string Status { get; set; } = "";
        public string StatusDetails { get; set; } = "";
        public string MaxConcurrency { get; set; } = "";
        public string MaxErrors { get; set; } = "";
        public long TimeoutSeconds { get; set; }
        public string ServiceRole { get; set; } = "";
        public long TargetCount { get; set; }
        public long CompletedCount { get; set; }
        public long ErrorCount { get; set; }
        public long DeliveryTimedOutCount { get; set; }
        public long CancelRequested { get; set; }
        public string? WindowExecutionId { get; set; }
        public string OutputS3Region { get; set; } = "";
        public string OutputS3BucketName { get; set; } = "";
        public string OutputS3KeyPrefix { get; set; } = "";
        public string NotificationArn { get; set; } = "";
        public string NotificationEventsJson { get; set; } = "[]";
        public string NotificationType { get; set; } = "";
        public string CloudwatchLogGroupName { get; set; } = "";
        public long CloudwatchOutputEnabled { get; set; }

        public Command ToModel() => new()
        {
            CommandId = CommandId, DocumentName = DocumentName, DocumentVersion = DocumentVersion, Comment = Comment,
            Parameters = Json.Read(ParametersJson, new Dictionary<string, List<string>>()).ToDictionary(k => k.Key, k => (IReadOnlyList<string>)k.Value),
            InstanceIds = Json.Read(InstanceIdsJson, new List<string>()), Targets = Json.Targets(TargetsJson), RequestedDateTime = Database.ParseTs(RequestedAt),
            ExpiresAfter = Database.ParseTs(ExpiresAfter), Status = Status, StatusDetails = StatusDetails, MaxConcurrency = MaxConcurrency, MaxErrors = MaxErrors,
            TimeoutSeconds = (int)TimeoutSeconds, ServiceRole = ServiceRole, TargetCount = (int)TargetCount, CompletedCount = (int)CompletedCount,
            ErrorCount = (int)ErrorCount, DeliveryTimedOutCount = (int)DeliveryTimedOutCount, CancelRequested = CancelRequested != 0,
            WindowExecutionId = WindowExecutionId, OutputS3Region = OutputS3Region, OutputS3BucketName = OutputS3BucketName,
            OutputS3KeyPrefix = OutputS3KeyPrefix, NotificationArn = NotificationArn, NotificationEvents = Json.Read(NotificationEventsJson, new List<string>()),
            NotificationType = NotificationType, CloudWatchLogGroupName = CloudwatchLogGroupName, CloudWatchOutputEnabled = CloudwatchOutputEnabled != 0,
        };
    }

    private sealed class InvRow
    {
        public string CommandId { get; set; } = "";
        public string InstanceId { get; set; } = "";
        public string StatusDetails { get; set; } = "";
        public string RequestedAt { get; set; } = "";
        public string? StartTime { get; set; }
        public string? EndTime { get; set; }
        public long ResponseCode { get; set; }
        public string? DeliveredAt { get; set; }
        public long Acked { get; set; }
        public long LastSequence { get; set; }
        public long RebootRequested { get; set; }
        public string PluginsJson { get; set; } = "[]";
        public long Dispatched { get; set; } = 1;
        public long CancelAcked { get; set; }

        public CommandInvocation ToModel() => new()
        {
            CommandId = CommandId, InstanceId = InstanceId, StatusDetails = StatusDetails, RequestedDateTime = Database.ParseTs(RequestedAt),
            StartTime = Database.ParseTsOrNull(StartTime), EndTime = Database.ParseTsOrNull(EndTime), ResponseCode = (int)ResponseCode,
            DeliveredAt = Database.ParseTsOrNull(DeliveredAt), Acked = Acked != 0, LastSequence = LastSequence, RebootRequested = RebootRequested != 0,
            Plugins = Json.Read(PluginsJson, new List<PluginResult>()), Dispatched = Dispatched != 0, CancelAcked = CancelAcked != 0,
        };
    }
}
