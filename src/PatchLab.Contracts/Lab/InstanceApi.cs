namespace PatchLab.Contracts.Lab;

/// <summary>The instances of the lab, with the runtime that runs them (GET <see cref="LabApi.Instances"/>).</summary>
public sealed class InstanceListDto
{
    /// <summary>Active runtime: "docker", "process", or empty when none.</summary>
    public string Runtime { get; set; } = "";
    /// <summary>Why this runtime (or why none): e.g. "Docker unavailable: …; agents run as host processes".</summary>
    public string RuntimeReason { get; set; } = "";
    /// <summary>Every instance that is not terminated, in launch order.</summary>
    public List<InstanceRow> Instances { get; set; } = [];
}

/// <summary>Tags to add or overwrite (POST <see cref="LabApi.InstanceTags"/>).</summary>
public sealed class InstanceTagsRequest
{
    /// <summary>Key → value.</summary>
    public Dictionary<string, string> Tags { get; set; } = [];
}

/// <summary>Tag keys to remove (POST <see cref="LabApi.InstanceUntag"/>).</summary>
public sealed class InstanceUntagRequest
{
    /// <summary>Keys.</summary>
    public List<string> Keys { get; set; } = [];
}
