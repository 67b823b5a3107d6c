namespace PatchLab.Contracts.Lab;

/// <summary>
/// The lab's stand-in for S3 (objects an InstallOverrideList or BaselineOverride parameter points at):
/// PUT <see cref="Object"/> stores the request body, GET answers it, GET <see cref="Objects"/> lists every object.
/// </summary>
public static class ObjectApi
{
    /// <summary>GET: every stored object (<see cref="ObjectListDto"/>).</summary>
    public const string Objects = LabApi.Prefix + "/s3";

    /// <summary>PUT (body = content) / GET one object.</summary>
    public static string Object(string bucket, string key) =>
        $"{Objects}/{Uri.EscapeDataString(bucket)}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";
}

/// <summary>One stored object.</summary>
public sealed class ObjectDto
{
    /// <summary>s3://bucket/key, the form to pass as the document parameter.</summary>
    public string Url { get; set; } = "";

    /// <summary>Size in bytes.</summary>
    public long Size { get; set; }
}

/// <summary>Every stored object, by URL.</summary>
public sealed class ObjectListDto
{
    /// <summary>Objects ordered by URL.</summary>
    public List<ObjectDto> Objects { get; set; } = [];
}
