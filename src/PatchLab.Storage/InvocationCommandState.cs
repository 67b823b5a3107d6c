namespace PatchLab.Storage;

/// <summary>
/// A window task invocation next to the state of its Run Command invocation, read in one query per task on every scheduler
/// pass. The command fields are null when the command does not exist (the emulator died between recording the invocation and
/// creating its command).
/// </summary>
/// <param name="InvocationId">Window task invocation.</param>
/// <param name="CommandId">Its command (the invocation's ExecutionId).</param>
/// <param name="InstanceId">Target instance.</param>
/// <param name="StatusDetails">Run Command StatusDetails, or null without a command.</param>
/// <param name="Acked">The agent acknowledged the document.</param>
/// <param name="StartTime">Command invocation start.</param>
/// <param name="EndTime">Command invocation end.</param>
public sealed record InvocationCommandState(string InvocationId, string CommandId, string InstanceId, string? StatusDetails, bool Acked,
    DateTimeOffset? StartTime, DateTimeOffset? EndTime);
