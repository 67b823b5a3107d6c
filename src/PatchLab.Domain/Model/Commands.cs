namespace PatchLab.Domain.Model;

/// <summary>A Run Command command.</summary>
public sealed record Command
{
    /// <summary>UUID.</summary>
    public required string CommandId { get; init; }
    /// <summary>Document.</summary>
    public required string DocumentName { get; init; }
    /// <summary>Version.</summary>
    public string DocumentVersion { get; init; } = "$DEFAULT";
    /// <summary>Comment.</summary>
    public string Comment { get; init; } = "";
    /// <summary>Parameters.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    /// <summary>Instance ids requested.</summary>
    public IReadOnlyList<string> InstanceIds { get; init; } = [];
    /// <summary>Targets requested.</summary>
    public IReadOnlyList<Target> Targets { get; init; } = [];
    /// <summary>Requested at.</summary>
    public DateTimeOffset RequestedDateTime { get; init; }
    /// <summary>Expiry.</summary>
    public DateTimeOffset ExpiresAfter { get; init; }
    /// <summary>Coarse status.</summary>
    public string Status { get; init; } = "Pending";
    /// <summary>Status details.</summary>
    public string StatusDetails { get; init; } = "Pending";
    /// <summary>MaxConcurrency.</summary>
    public string MaxConcurrency { get; init; } = "50";
    /// <summary>MaxErrors.</summary>
    public string MaxErrors { get; init; } = "0";
    /// <summary>Delivery timeout.</summary>
    public int TimeoutSeconds { get; init; } = 3600;
    /// <summary>Service role.</summary>
    public string ServiceRole { get; init; } = "";
    /// <summary>Counters.</summary>
    public int TargetCount { get; init; }
    /// <summary>Counters.</summary>
    public int CompletedCount { get; init; }
    /// <summary>Counters.</summary>
    public int ErrorCount { get; init; }
    /// <summary>Counters.</summary>
    public int DeliveryTimedOutCount { get; init; }
    /// <summary>CancelCommand was called.</summary>
    public bool CancelRequested { get; init; }
    /// <summary>The window execution that sent it, if any.</summary>
    public string? WindowExecutionId { get; init; }
    /// <summary>OutputS3Region as sent (stored and echoed; PatchLab writes nothing to S3).</summary>
    public string OutputS3Region { get; init; } = "";
    /// <summary>OutputS3BucketName as sent.</summary>
    public string OutputS3BucketName { get; init; } = "";
    /// <summary>OutputS3KeyPrefix as sent.</summary>
    public string OutputS3KeyPrefix { get; init; } = "";
    /// <summary>NotificationConfig.NotificationArn as sent (no notification is published).</summary>
    public string NotificationArn { get; init; } = "";
    /// <summary>NotificationConfig.NotificationEvents as sent.</summary>
    public IReadOnlyList<string> NotificationEvents { get; init; } = [];
    /// <summary>NotificationConfig.NotificationType as sent.</summary>
    public string NotificationType { get; init; } = "";
    /// <summary>CloudWatchOutputConfig.CloudWatchLogGroupName as sent (no log is written).</summary>
    public string CloudWatchLogGroupName { get; init; } = "";
    /// <summary>CloudWatchOutputConfig.CloudWatchOutputEnabled as sent.</summary>
    public bool CloudWatchOutputEnabled { get; init; }
}

/// <summary>Result of one plugin (document step).</summary>
public sealed record PluginResult
{
    /// <summary>Step name.</summary>
    public string Name { get; init; } = "";
    /// <summary>Pending, InProgress, Success, Failed, TimedOut, Cancelled.</summary>
    public string Status { get; init; } = "Pending";
    /// <summary>StatusDetails.</summary>
    public string StatusDetails { get; init; } = "Pending";
    /// <summary>Exit code, -1 until finished.</summary>
    public int ResponseCode { get; init; } = -1;
    /// <summary>Start.</summary>
    public DateTimeOffset? ResponseStartDateTime { get; init; }
    /// <summary>End.</summary>
    public DateTimeOffset? ResponseFinishDateTime { get; init; }
    /// <summary>Standard output.</summary>
    public string StandardOutput { get; init; } = "";
    /// <summary>Standard error.</summary>
    public string StandardError { get; init; } = "";
}

/// <summary>A command's invocation on one instance.</summary>
public sealed record CommandInvocation
{
    /// <summary>Command.</summary>
    public required string CommandId { get; init; }
    /// <summary>Instance.</summary>
    public required string InstanceId { get; init; }
    /// <summary>Status details (the closed set in <see cref="Status.InvocationStatus"/>).</summary>
    public required string StatusDetails { get; init; }
    /// <summary>Requested.</summary>
    public DateTimeOffset RequestedDateTime { get; init; }
    /// <summary>Start (first ack).</summary>
    public DateTimeOffset? StartTime { get; init; }
    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; init; }
    /// <summary>Exit code.</summary>
    public int ResponseCode { get; init; } = -1;
    /// <summary>Last delivery to the agent.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }
    /// <summary>Agent acknowledged.</summary>
    public bool Acked { get; init; }
    /// <summary>Highest reply sequence applied.</summary>
    public long LastSequence { get; init; } = -1;
    /// <summary>The agent asked for a reboot and waits for it.</summary>
    public bool RebootRequested { get; init; }
    /// <summary>Plugins.</summary>
    public IReadOnlyList<PluginResult> Plugins { get; init; } = [];
    /// <summary>False while the rate control has not started it yet; the agent only sees dispatched invocations.</summary>
    public bool Dispatched { get; init; } = true;
    /// <summary>The agent acknowledged the Cancel message of this invocation.</summary>
    public bool CancelAcked { get; init; }
}
