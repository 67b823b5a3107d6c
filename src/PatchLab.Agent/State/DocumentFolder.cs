namespace PatchLab.Agent.State;

/// <summary>Where a document is in its life on disk (amazon-ssm-agent docmanager folders).</summary>
internal enum DocumentFolder
{
    Pending,
    Current,
    Completed,
    Corrupt,
}
