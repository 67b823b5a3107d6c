using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.State;

/// <summary>A document on the instance's disk (pending/, current/ or completed/): the message, where it got to, and
/// every step result so far.</summary>
internal sealed class DocumentState
{
    public AgentMessage Message { get; set; } = new();

    /// <summary>Emulator time the message arrived.</summary>
    public DateTimeOffset ReceivedAt { get; set; }

    public DocumentStatus Status { get; set; } = DocumentStatus.InProgress;

    public List<StepState> Steps { get; set; } = [];

    /// <summary>Last reply sequence number used for this document.</summary>
    public long Sequence { get; set; }

    /// <summary>The final reply is in the outbox; only the move to completed/ is left.</summary>
    public bool Finalized { get; set; }

    /// <summary>Boot number during which a step asked for a reboot.</summary>
    public int? RebootRequestedBoot { get; set; }

    /// <summary>PatchLinux progress (AWS-RunPatchBaseline only).</summary>
    public PatchProgress? Patch { get; set; }
}
