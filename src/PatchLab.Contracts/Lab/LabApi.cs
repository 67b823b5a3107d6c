namespace PatchLab.Contracts.Lab;

/// <summary>Paths of the emulator-only HTTP API (fleet, clock, dashboard), beside the SSM JSON 1.1 API on POST /.</summary>
public static class LabApi
{
    /// <summary>Prefix of every emulator-only endpoint.</summary>
    public const string Prefix = "/patchlab/v1";
    /// <summary>GET: everything the dashboard shows.</summary>
    public const string Overview = Prefix + "/overview";
    /// <summary>GET / POST: the lab clock.</summary>
    public const string Clock = Prefix + "/clock";
    /// <summary>POST: jump the clock to a window's next execution.</summary>
    public const string ClockNext = Prefix + "/clock/next";
    /// <summary>POST: launch instances (NDJSON progress stream).</summary>
    public const string FleetLaunch = Prefix + "/fleet/launch";
    /// <summary>POST: remove every instance of this emulator.</summary>
    public const string FleetDown = Prefix + "/fleet/down";
    /// <summary>GET: health.</summary>
    public const string Health = Prefix + "/health";
    /// <summary>GET: instances and the active runtime (<see cref="InstanceListDto"/>).</summary>
    public const string Instances = Prefix + "/instances";
    /// <summary>POST: reboot, stop, start or terminate one instance; answers its <see cref="InstanceRow"/> (errors use EC2's codes).</summary>
    public static string InstanceAction(string instanceId, string action) => $"{Instances}/{Uri.EscapeDataString(instanceId)}/{action}";

    /// <summary>POST: add or overwrite tags of one instance (<see cref="InstanceTagsRequest"/>).</summary>
    public static string InstanceTags(string instanceId) => $"{Instances}/{Uri.EscapeDataString(instanceId)}/tags";

    /// <summary>POST: remove tags of one instance by key (<see cref="InstanceUntagRequest"/>).</summary>
    public static string InstanceUntag(string instanceId) => $"{Instances}/{Uri.EscapeDataString(instanceId)}/untag";
}

/// <summary>The lab clock.</summary>
public sealed class ClockDto
{
    /// <summary>Emulator time.</summary>
    public DateTimeOffset Now { get; set; }
    /// <summary>Emulator seconds per real second.</summary>
    public double Speed { get; set; } = 1;
    /// <summary>True when paused.</summary>
    public bool Paused { get; set; }
}

/// <summary>Change the clock: any member left null is unchanged.</summary>
public sealed class ClockChangeRequest
{
    /// <summary>New speed (1 = real time).</summary>
    public double? Speed { get; set; }
    /// <summary>Pause or resume.</summary>
    public bool? Paused { get; set; }
    /// <summary>Jump forward to this instant (backwards jumps are refused).</summary>
    public DateTimeOffset? JumpTo { get; set; }
}

/// <summary>Jump to a maintenance window's next execution.</summary>
public sealed class ClockNextRequest
{
    /// <summary>mw-...</summary>
    public string WindowId { get; set; } = "";
}

/// <summary>Launch instances.</summary>
public sealed class FleetLaunchRequest
{
    /// <summary>How many.</summary>
    public int Count { get; set; } = 1;
    /// <summary>OS flavour: AmazonLinux2, AmazonLinux2023, Ubuntu2204, Debian12 or WindowsServer2022.</summary>
    public string Os { get; set; } = "AmazonLinux2";
    /// <summary>Tags (Name is taken from NamePrefix when not given).</summary>
    public Dictionary<string, string> Tags { get; set; } = [];
    /// <summary>Name tag prefix; instances are named prefix-1, prefix-2, ...</summary>
    public string? NamePrefix { get; set; }
    /// <summary>How far behind the catalog the instance starts, in days (missing updates released in that span).</summary>
    public int AgeDays { get; set; } = 365;
    /// <summary>With a value, ages are spread: each instance gets a whole number of days from AgeDays to AgeDaysMax,
    /// drawn in launch order from a generator seeded with <see cref="AgeSeed"/> (same seed, same spread).</summary>
    public int? AgeDaysMax { get; set; }
    /// <summary>Seed of the age spread (AgeDaysMax).</summary>
    public int AgeSeed { get; set; } = 1;
}

/// <summary>One line of the NDJSON launch progress stream.</summary>
public sealed class FleetLaunchProgress
{
    /// <summary>"building-image", "image-ready", "launching", "launched", "online", "failed", "done".</summary>
    public string Stage { get; set; } = "";
    /// <summary>Instance concerned, when any.</summary>
    public string? InstanceId { get; set; }
    /// <summary>Human text.</summary>
    public string Message { get; set; } = "";
    /// <summary>Instances done so far.</summary>
    public int Done { get; set; }
    /// <summary>Instances requested.</summary>
    public int Total { get; set; }
}

/// <summary>Everything the dashboard shows, in one poll.</summary>
public sealed class OverviewDto
{
    /// <summary>Clock.</summary>
    public ClockDto Clock { get; set; } = new();
    /// <summary>Instances.</summary>
    public List<InstanceRow> Instances { get; set; } = [];
    /// <summary>Maintenance windows.</summary>
    public List<WindowRow> Windows { get; set; } = [];
    /// <summary>Recent window executions, newest first, with their invocations.</summary>
    public List<ExecutionRow> Executions { get; set; } = [];
    /// <summary>Recent events, newest last.</summary>
    public List<EventRow> Events { get; set; } = [];
}

/// <summary>A fleet row.</summary>
public sealed class InstanceRow
{
    /// <summary>i-...</summary>
    public string InstanceId { get; set; } = "";
    /// <summary>Name tag.</summary>
    public string Name { get; set; } = "";
    /// <summary>OS flavour.</summary>
    public string Os { get; set; } = "";
    /// <summary>Tags.</summary>
    public Dictionary<string, string> Tags { get; set; } = [];
    /// <summary>Online, ConnectionLost, Inactive.</summary>
    public string PingStatus { get; set; } = "";
    /// <summary>Container state: running, rebooting, stopped, terminated.</summary>
    public string State { get; set; } = "";
    /// <summary>Last ping.</summary>
    public DateTimeOffset? LastPing { get; set; }
    /// <summary>Patch group.</summary>
    public string PatchGroup { get; set; } = "";
    /// <summary>Baseline of the last patch report (an id or ARN), empty before the first report.</summary>
    public string BaselineId { get; set; } = "";
    /// <summary>Installed count (null before the first report).</summary>
    public int? Installed { get; set; }
    /// <summary>Missing count.</summary>
    public int? Missing { get; set; }
    /// <summary>Failed count.</summary>
    public int? Failed { get; set; }
    /// <summary>Installed pending reboot count.</summary>
    public int? PendingReboot { get; set; }
    /// <summary>COMPLIANT, NON_COMPLIANT, or empty before the first report.</summary>
    public string Compliance { get; set; } = "";
}

/// <summary>A window row.</summary>
public sealed class WindowRow
{
    /// <summary>mw-...</summary>
    public string WindowId { get; set; } = "";
    /// <summary>Name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Schedule as written.</summary>
    public string Schedule { get; set; } = "";
    /// <summary>The schedule in words ("At 05:00 on Tuesday (UTC)"), empty when it cannot be described.</summary>
    public string ScheduleDescription { get; set; } = "";
    /// <summary>Time zone, empty for UTC.</summary>
    public string ScheduleTimezone { get; set; } = "";
    /// <summary>Next execution, null when none.</summary>
    public DateTimeOffset? NextExecution { get; set; }
    /// <summary>Enabled.</summary>
    public bool Enabled { get; set; }
    /// <summary>Duration in hours.</summary>
    public int Duration { get; set; }
    /// <summary>Cutoff in hours.</summary>
    public int Cutoff { get; set; }
    /// <summary>Status of the last execution, empty when none.</summary>
    public string LastStatus { get; set; } = "";
    /// <summary>Registered targets.</summary>
    public List<WindowTargetRow> Targets { get; set; } = [];
    /// <summary>Registered tasks, by priority, each with the instances it would run on now.</summary>
    public List<WindowTaskRow> Tasks { get; set; } = [];
}

/// <summary>A window execution with its invocations.</summary>
public sealed class ExecutionRow
{
    /// <summary>Window execution id.</summary>
    public string WindowExecutionId { get; set; } = "";
    /// <summary>Window id.</summary>
    public string WindowId { get; set; } = "";
    /// <summary>Window name.</summary>
    public string WindowName { get; set; } = "";
    /// <summary>Status.</summary>
    public string Status { get; set; } = "";
    /// <summary>Status details.</summary>
    public string StatusDetails { get; set; } = "";
    /// <summary>Start.</summary>
    public DateTimeOffset StartTime { get; set; }
    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; set; }
    /// <summary>Invocations of all its tasks.</summary>
    public List<InvocationRow> Invocations { get; set; } = [];
    /// <summary>Its task executions with their rate controls.</summary>
    public List<ExecutionTaskRow> Tasks { get; set; } = [];
}

/// <summary>One invocation (one instance) of a window task.</summary>
public sealed class InvocationRow
{
    /// <summary>Instance.</summary>
    public string InstanceId { get; set; } = "";
    /// <summary>Name tag of the instance.</summary>
    public string InstanceName { get; set; } = "";
    /// <summary>Command id.</summary>
    public string CommandId { get; set; } = "";
    /// <summary>Task execution this invocation belongs to.</summary>
    public string TaskExecutionId { get; set; } = "";
    /// <summary>Window status: PENDING, IN_PROGRESS, SUCCESS, FAILED, ...</summary>
    public string Status { get; set; } = "";
    /// <summary>Run Command status details: Pending, InProgress, Success, Failed, Terminated, ...</summary>
    public string StatusDetails { get; set; } = "";
    /// <summary>Start.</summary>
    public DateTimeOffset? StartTime { get; set; }
    /// <summary>End.</summary>
    public DateTimeOffset? EndTime { get; set; }
}

/// <summary>An event in the emulator's log.</summary>
public sealed class EventRow
{
    /// <summary>Emulator time.</summary>
    public DateTimeOffset Time { get; set; }
    /// <summary>Kind: window, command, fleet, clock, agent.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Text.</summary>
    public string Message { get; set; } = "";
}
