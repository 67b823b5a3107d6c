namespace PatchLab.Contracts.Agent;

/// <summary>
/// Download of a document parameter's S3 object (InstallOverrideList, BaselineOverride) through the agent's own channel:
/// containers have no network, so the emulator's local object store stands in for S3.
/// </summary>
public sealed class AgentObjectRequest
{
    /// <summary>The parameter value verbatim: s3://bucket/key or an https URL of S3 form.</summary>
    public string Url { get; set; } = "";
}

/// <summary>The object, or why it could not be downloaded (S3's error code and a message naming the valid form).</summary>
public sealed class AgentObjectResponse
{
    /// <summary>The object's content as UTF-8 text ("" when <see cref="Error"/> is set).</summary>
    public string Content { get; set; } = "";

    /// <summary>"" on success; else NoSuchKey, NoSuchBucket or InvalidUrl.</summary>
    public string Error { get; set; } = "";

    /// <summary>What went wrong and what the valid form is.</summary>
    public string Message { get; set; } = "";
}
