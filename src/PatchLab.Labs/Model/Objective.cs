namespace PatchLab.Labs.Model;

/// <summary>Which instances an objective looks at: by tags (all must match), by Name, or every instance.</summary>
/// <param name="Tags">Tag key → value.</param>
/// <param name="Instances">Name tags.</param>
public sealed record InstanceSelector(IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Instances)
{
    /// <summary>Every instance.</summary>
    public static InstanceSelector All { get; } = new(new Dictionary<string, string>(), []);

    /// <summary>Whether an instance with these tags is selected.</summary>
    public bool Matches(string name, IReadOnlyDictionary<string, string> tags) =>
        (Instances.Count == 0 || Instances.Contains(name, StringComparer.Ordinal))
        && Tags.All(t => tags.TryGetValue(t.Key, out var v) && v == t.Value);

    /// <summary>Human text.</summary>
    public override string ToString() =>
        Instances.Count > 0 ? string.Join(", ", Instances)
        : Tags.Count > 0 ? "instances tagged " + string.Join(" and ", Tags.Select(t => $"{t.Key}={t.Value}"))
        : "every instance";
}

/// <summary>A check of a lab: exactly one of its kinds, optionally with a deadline.</summary>
public abstract record Objective
{
    /// <summary>Unique name (the JUnit test case name).</summary>
    public required string Name { get; init; }
    /// <summary>Emulator instant it is evaluated at; null = at the end of the run.</summary>
    public DateTimeOffset? By { get; init; }
    /// <summary>What it checks, in words.</summary>
    public abstract string Describe();
}

/// <summary>Every selected instance reported compliant (no Missing, Failed or InstalledPendingReboot patch).</summary>
public sealed record CompliantObjective(InstanceSelector Select) : Objective
{
    /// <inheritdoc />
    public override string Describe() => $"{Select} compliant" + (By is { } b ? $" by {b:yyyy-MM-ddTHH:mmZ}" : "");
}

/// <summary>The latest execution of a window ended with a status (and, optionally, stopped by MaxErrors).</summary>
public sealed record ExecutionObjective(string Window, string Status, bool? StoppedByMaxErrors, bool? TimedOutAtCutoff) : Objective
{
    /// <inheritdoc />
    public override string Describe() =>
        $"latest execution of {Window} ended {Status}" + (StoppedByMaxErrors == true ? ", stopped by MaxErrors" : "")
        + (TimedOutAtCutoff == true ? ", stopped at the cutoff" : "");
}

/// <summary>One instance reports a patch in a state (Installed, InstalledPendingReboot, Missing, Failed, …).</summary>
public sealed record PatchStateObjective(string Instance, string Patch, string State) : Objective
{
    /// <inheritdoc />
    public override string Describe() => $"{Instance} has {Patch} {State}";
}

/// <summary>A count of instances (by compliance) or of invocations of a window's latest execution (by status).</summary>
public sealed record CountObjective : Objective
{
    /// <summary>Instances to count (instance counts).</summary>
    public InstanceSelector? Select { get; init; }
    /// <summary>COMPLIANT or NON_COMPLIANT (instance counts).</summary>
    public string? Compliance { get; init; }
    /// <summary>Window whose latest execution's invocations are counted.</summary>
    public string? Window { get; init; }
    /// <summary>Run Command status of the invocations counted (Success, Failed, TimedOut, Cancelled, …); null counts all.</summary>
    public string? InvocationStatus { get; init; }
    /// <summary>Exact count.</summary>
    public int? EqualTo { get; init; }
    /// <summary>Minimum.</summary>
    public int? AtLeast { get; init; }
    /// <summary>Maximum.</summary>
    public int? AtMost { get; init; }

    /// <summary>Whether a count passes.</summary>
    public bool Accepts(int n) => (EqualTo is null || n == EqualTo) && (AtLeast is null || n >= AtLeast) && (AtMost is null || n <= AtMost);

    /// <summary>The bound in words.</summary>
    public string Bound() => string.Join(" and ", new[]
    {
        EqualTo is { } e ? $"= {e}" : null, AtLeast is { } l ? $">= {l}" : null, AtMost is { } m ? $"<= {m}" : null,
    }.Where(s => s is not null));

    /// <inheritdoc />
    public override string Describe() => Window is not null
        ? $"invocations of {Window}'s latest execution{(InvocationStatus is { } s ? $" with status {s}" : "")} {Bound()}"
        : $"{Select ?? InstanceSelector.All}{(Compliance is { } c ? $" {c}" : "")} count {Bound()}";
}
