namespace PatchLab.Fleet.Docker;

/// <summary>Label keys PatchLab puts on its images and containers, so a prune can find orphans by session.</summary>
internal static class DockerLabels
{
    public const string SessionId = "patchlab.session-id";
    public const string InstanceId = "patchlab.instance-id";
    public const string Os = "patchlab.os";
    public const string Image = "patchlab.image";
    public const string ContentHash = "patchlab.content-hash";
}
