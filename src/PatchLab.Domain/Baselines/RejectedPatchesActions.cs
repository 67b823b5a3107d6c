namespace PatchLab.Domain.Baselines;

/// <summary>The two RejectedPatchesAction values and what each means for rejected packages (reference 5.1, 5.2).</summary>
public static class RejectedPatchesActions
{
    /// <summary>Default: a rejected package is installed only as a dependency of an approved one; it then counts as InstalledOther.</summary>
    public const string AllowAsDependency = "ALLOW_AS_DEPENDENCY";

    /// <summary>A rejected package is never installed, nor anything that needs it; installed rejected packages are InstalledRejected.</summary>
    public const string Block = "BLOCK";

    /// <summary>Both values, as the model's enum lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [AllowAsDependency, Block];
}
