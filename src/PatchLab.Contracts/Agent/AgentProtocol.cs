namespace PatchLab.Contracts.Agent;

// The agent protocol is modelled on SSM's MDS channel (ec2messages): GetMessages -> AcknowledgeMessage -> SendReply.
// Every request carries the headers named in AgentHeaders; the emulator refuses a token that is not the instance's own.

/// <summary>Header names and paths of the agent protocol.</summary>
public static class AgentProtocol
{
    /// <summary>Header carrying the instance id the agent speaks for.</summary>
    public const string InstanceHeader = "X-PatchLab-Instance";

    /// <summary>Header carrying the per-instance secret token (given at launch in PATCHLAB_TOKEN).</summary>
    public const string TokenHeader = "X-PatchLab-Token";

    /// <summary>Path prefix of every agent endpoint.</summary>
    public const string Prefix = "/agent/v1";

    /// <summary>Name of the unix socket inside the emulator's socket directory.</summary>
    public const string SocketFileName = "agent.sock";

    /// <summary>Exit code a Linux plugin uses to ask for a reboot (amazon-ssm-agent appconfig).</summary>
    public const int RebootExitCodeLinux = 194;

    /// <summary>Exit code a Windows plugin uses to ask for a reboot.</summary>
    public const int RebootExitCodeWindows = 3010;
}

/// <summary>Sent when the agent starts and as its health ping (UpdateInstanceInformation).</summary>
public sealed class AgentRegisterRequest
{
    /// <summary>EC2 instance id (i- + 17 hex).</summary>
    public string InstanceId { get; set; } = "";
    /// <summary>Agent version, e.g. 3.3.40.0.</summary>
    public string AgentVersion { get; set; } = "";
    /// <summary>Linux or Windows.</summary>
    public string PlatformType { get; set; } = "";
    /// <summary>e.g. Amazon Linux.</summary>
    public string PlatformName { get; set; } = "";
    /// <summary>e.g. 2.</summary>
    public string PlatformVersion { get; set; } = "";
    /// <summary>Host name of the instance.</summary>
    public string ComputerName { get; set; } = "";
    /// <summary>True when the agent has just (re)started, i.e. a boot.</summary>
    public bool Boot { get; set; }
}

/// <summary>The emulator's answer to a registration or poll: its clock, so the agent paces simulated work.</summary>
public sealed class AgentClock
{
    /// <summary>Emulator time now.</summary>
    public DateTimeOffset Now { get; set; }
    /// <summary>How many emulator seconds pass per real second (0 while paused).</summary>
    public double Speed { get; set; } = 1;
}

/// <summary>Long-poll for work (GetMessages).</summary>
public sealed class AgentPollRequest
{
    /// <summary>How long the emulator may hold the request open, in real seconds.</summary>
    public int WaitSeconds { get; set; } = 20;
}

/// <summary>Work for the agent.</summary>
public sealed class AgentPollResponse
{
    /// <summary>Messages to run or cancel.</summary>
    public List<AgentMessage> Messages { get; set; } = [];
    /// <summary>The emulator clock.</summary>
    public AgentClock Clock { get; set; } = new();
}

/// <summary>One message: run a document, or cancel one.</summary>
public sealed class AgentMessage
{
    /// <summary>aws.ssm.&lt;CommandId&gt;.&lt;InstanceId&gt;, as MDS names them.</summary>
    public string MessageId { get; set; } = "";
    /// <summary>"Run" or "Cancel".</summary>
    public string Kind { get; set; } = "Run";
    /// <summary>Run Command command id.</summary>
    public string CommandId { get; set; } = "";
    /// <summary>Document name, e.g. AWS-RunPatchBaseline.</summary>
    public string DocumentName { get; set; } = "";
    /// <summary>Resolved document version.</summary>
    public string DocumentVersion { get; set; } = "1";
    /// <summary>Parameters after defaults were applied.</summary>
    public Dictionary<string, List<string>> Parameters { get; set; } = [];
    /// <summary>Per-step execution timeout in emulator seconds.</summary>
    public int ExecutionTimeoutSeconds { get; set; } = 7200;
}

/// <summary>Acknowledge a message (AcknowledgeMessage): it is on the instance's disk and will be run.</summary>
public sealed class AgentAckRequest
{
    /// <summary>The message acknowledged.</summary>
    public string MessageId { get; set; } = "";
}

/// <summary>A document's progress or result (SendReply).</summary>
public sealed class AgentReply
{
    /// <summary>The message this reply is for.</summary>
    public string MessageId { get; set; } = "";
    /// <summary>Command id.</summary>
    public string CommandId { get; set; } = "";
    /// <summary>Agent-side status: InProgress, Success, Failed, TimedOut, Cancelled.</summary>
    public string DocumentStatus { get; set; } = "InProgress";
    /// <summary>True when a step exited 194/3010 and the agent waits for the emulator to restart the instance.</summary>
    public bool RebootRequested { get; set; }
    /// <summary>One entry per document step (plugin).</summary>
    public List<AgentStepResult> Steps { get; set; } = [];
    /// <summary>Sequence number; the emulator ignores replies older than one it already has.</summary>
    public long Sequence { get; set; }
}

/// <summary>Result of one document step.</summary>
public sealed class AgentStepResult
{
    /// <summary>Step name (PatchLinux, PatchWindows, PatchMacOS, or aws:runShellScript's name).</summary>
    public string Name { get; set; } = "";
    /// <summary>Pending, InProgress, Success, SuccessAndReboot, Failed, TimedOut, Cancelled.</summary>
    public string Status { get; set; } = "Pending";
    /// <summary>Exit code; -1 until finished.</summary>
    public int Code { get; set; } = -1;
    /// <summary>Standard output.</summary>
    public string StandardOutput { get; set; } = "";
    /// <summary>Standard error.</summary>
    public string StandardError { get; set; } = "";
    /// <summary>Start (emulator time).</summary>
    public DateTimeOffset? StartDateTime { get; set; }
    /// <summary>End (emulator time).</summary>
    public DateTimeOffset? EndDateTime { get; set; }
}
