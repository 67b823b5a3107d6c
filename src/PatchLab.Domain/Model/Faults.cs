namespace PatchLab.Domain.Model;

/// <summary>
/// An injected fault as stored: what was asked (<see cref="SpecJson"/>, the lab API's FaultSpec), where it stands and which
/// instances it hit. Scheduled → active → ended; one-shot faults (agent-crash, engine-restart) end when the instances are back.
/// </summary>
public sealed record FaultRecord
{
    /// <summary>flt- + 17 hex.</summary>
    public required string FaultId { get; init; }

    /// <summary>patch-install-failure, agent-crash, offline, slow-reboot, disk-full or engine-restart.</summary>
    public required string Kind { get; init; }

    /// <summary>The spec as posted (JSON), kept verbatim so a restarted emulator resolves targets the same way.</summary>
    public required string SpecJson { get; init; }

    /// <summary><see cref="FaultStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>Instances the fault was applied to (empty while scheduled).</summary>
    public IReadOnlyList<string> InstanceIds { get; init; } = [];

    /// <summary>Emulator time it was injected.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Emulator time it starts.</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>Emulator time it started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Emulator time it is due to end (start + duration), null for until cleared.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>Emulator time it ended.</summary>
    public DateTimeOffset? EndedAt { get; init; }
}

/// <summary>The states of a <see cref="FaultRecord"/>, as the lab API shows them.</summary>
public static class FaultStates
{
    /// <summary>Waiting for its start time.</summary>
    public const string Scheduled = "scheduled";
    /// <summary>In effect.</summary>
    public const string Active = "active";
    /// <summary>Over (duration up, cleared, or a one-shot fault done).</summary>
    public const string Ended = "ended";
}
