using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;

namespace PatchLab.Emulator.Ssm;

/// <summary>Tags of custom patch baselines (pb-… or its ARN); AWS-owned baselines carry none [U].</summary>
internal sealed class PatchBaselineTagTarget(PatchBaselineBackend baselines) : ITagTarget
{
    public string ResourceType => PatchBaselineBackend.ResourceType;

    public string StoredAs => PatchBaselineBackend.ResourceType;

    public string? Resolve(string resourceId)
    {
        try
        {
            return baselines.Find(resourceId) is { IsPredefined: false } b ? b.BaselineId : null;
        }
        catch (InvalidResourceIdException)
        {
            return null;
        }
    }
}
