using PatchLab.Domain.Model;

namespace PatchLab.Testing;

/// <summary>Which instance runtime the fixture's fleet uses.</summary>
public enum PatchLabRuntime
{
    /// <summary>Docker when an engine answers, else host processes (the emulator says which and why).</summary>
    Auto,

    /// <summary>Docker containers (network none, capabilities dropped); fails when no engine answers.</summary>
    Docker,

    /// <summary>The agent as host processes: no isolation, no Docker needed, fastest to start.</summary>
    Process,
}

/// <summary>A group of instances to launch: count, OS flavour, tags, names and age.</summary>
public sealed record InstanceGroup
{
    /// <summary>Creates a group; see the properties.</summary>
    public InstanceGroup(int count, string os = "AmazonLinux2", IReadOnlyDictionary<string, string>? tags = null, string? namePrefix = null, int ageDays = 365)
    {
        Count = count;
        Os = os;
        Tags = tags ?? new Dictionary<string, string>();
        NamePrefix = namePrefix;
        AgeDays = ageDays;
    }

    /// <summary>How many instances (1–200).</summary>
    public int Count { get; }

    /// <summary>OS flavour, e.g. AmazonLinux2 (see <see cref="KnownOperatingSystems"/>).</summary>
    public string Os { get; }

    /// <summary>Tags of every instance of the group (e.g. Patch Group, Environment).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; }

    /// <summary>Name tag prefix: instances are named prefix-1, prefix-2, ...; null lets the emulator choose.</summary>
    public string? NamePrefix { get; }

    /// <summary>How far behind the catalog the instances start, in days.</summary>
    public int AgeDays { get; }

    /// <summary>The OS flavours the emulator can launch.</summary>
    public static IReadOnlyList<string> KnownOperatingSystems => [.. OsFlavor.All.Select(f => f.Name)];

    /// <summary>Problems with this group, empty when it is valid.</summary>
    internal IEnumerable<string> Problems()
    {
        if (Count is < 1 or > 200)
        {
            yield return $"Instance count {Count} is out of range: give 1 to 200.";
        }
        if (OsFlavor.Find(Os) is null)
        {
            yield return $"OS '{Os}' is not a PatchLab OS flavour; valid: {string.Join(", ", KnownOperatingSystems)}.";
        }
        if (AgeDays is < 0 or > 3650)
        {
            yield return $"AgeDays {AgeDays} is out of range: give 0 to 3650 days.";
        }
        foreach (var (key, value) in Tags)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 128 || value.Length > 256)
            {
                yield return $"Tag '{key}' is invalid: keys are 1–128 characters, values at most 256 (as EC2 tags).";
            }
        }
    }
}
