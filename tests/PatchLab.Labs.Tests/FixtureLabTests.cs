using PatchLab.Labs.Loading;

namespace PatchLab.Labs.Tests;

/// <summary>Every lab in fixtures/labs validates and documents itself.</summary>
public sealed class FixtureLabTests
{
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "PatchLab.sln")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("PatchLab.sln not found above the test binary");
    }

    private static List<string> LabNames() =>
        [.. Directory.GetDirectories(Path.Combine(RepoRoot(), "fixtures", "labs")).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Labs() => [.. LabNames()];

    [Fact]
    public void FixturesLabs_HoldAtLeastTheSixLabsOfIssue7()
    {
        var names = LabNames();
        Assert.Superset(new HashSet<string>(["seed-weekly-production", "per-environment-baselines", "maxerrors-stops-rollout", "reboot-pending-compliance",
            "scan-only-audit", "cutoff-and-timeouts"]), names.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void FixtureLab_Validates_HasAReadme_AndASmallFleet(string name)
    {
        var dir = Path.Combine(RepoRoot(), "fixtures", "labs", name);
        var lab = LabLoader.LoadFile(Path.Combine(dir, "lab.yaml"));
        Assert.Equal(name, lab.Name);
        Assert.InRange(lab.InstanceNames.Count(), 2, 6);
        Assert.NotEmpty(lab.Objectives);
        Assert.True(File.Exists(Path.Combine(dir, "README.md")), $"{name} has no README.md");
    }
}
