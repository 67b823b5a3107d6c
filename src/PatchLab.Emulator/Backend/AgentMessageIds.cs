namespace PatchLab.Emulator.Backend;

/// <summary>
/// Message ids of the agent protocol. A Run message is named as MDS names it, aws.ssm.&lt;CommandId&gt;.&lt;InstanceId&gt;;
/// the Cancel message for the same invocation gets its own id with a ".cancel" suffix, so its acknowledgement is told
/// apart from the document's (the agent finds the document to stop by CommandId).
/// </summary>
public static class AgentMessageIds
{
    private const string Prefix = "aws.ssm.";
    private const string CancelSuffix = ".cancel";

    /// <summary>aws.ssm.&lt;CommandId&gt;.&lt;InstanceId&gt;.</summary>
    public static string Run(string commandId, string instanceId) => $"{Prefix}{commandId}.{instanceId}";

    /// <summary>aws.ssm.&lt;CommandId&gt;.&lt;InstanceId&gt;.cancel.</summary>
    public static string Cancel(string commandId, string instanceId) => Run(commandId, instanceId) + CancelSuffix;

    /// <summary>Parses a message id addressed to <paramref name="instanceId"/>; false for anything else (another instance's messages included).</summary>
    public static bool TryParse(string messageId, string instanceId, out string commandId, out bool isCancel)
    {
        commandId = "";
        isCancel = messageId.EndsWith(CancelSuffix, StringComparison.Ordinal);
        var id = isCancel ? messageId[..^CancelSuffix.Length] : messageId;
        var suffix = "." + instanceId;
        if (!id.StartsWith(Prefix, StringComparison.Ordinal) || !id.EndsWith(suffix, StringComparison.Ordinal) || id.Length <= Prefix.Length + suffix.Length)
        {
            return false;
        }
        commandId = id[Prefix.Length..^suffix.Length];
        return true;
    }
}
