using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Messaging;

/// <summary>One stored outgoing message: a reply or a patch report, delivered in the order they were stored.</summary>
internal sealed class OutboxItem
{
    public const string ReplyKind = "reply";
    public const string PatchReportKind = "patch-report";

    public string Kind { get; set; } = ReplyKind;
    public AgentReply? Reply { get; set; }
    public AgentPatchReport? PatchReport { get; set; }

    public string Describe() => Kind == ReplyKind && Reply is { } reply
        ? $"reply {reply.MessageId} #{reply.Sequence} {reply.DocumentStatus}{(reply.RebootRequested ? " (reboot requested)" : "")}"
        : $"patch report {PatchReport?.CommandId} ({PatchReport?.Patches.Count} patches)";
}
