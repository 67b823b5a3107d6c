using PatchLab.Domain.Model;
using PatchLab.Emulator.Faults;

namespace PatchLab.Emulator.Tests.Faults;

/// <summary>Issue 7: targets of a fault, resolved when it starts; seeded random choice is deterministic.</summary>
public sealed class FaultTargetsTests
{
    private static Instance I(string id, string name, string env = "Production") => new()
    {
        InstanceId = id, Os = "AmazonLinux2", TokenHash = "", State = "running", LaunchedAt = DateTimeOffset.UnixEpoch,
        Tags = new Dictionary<string, string> { ["Name"] = name, ["Environment"] = env },
    };

    private static readonly Instance[] Fleet =
    [
        I("i-0000000000000000a", "web-1"), I("i-0000000000000000b", "web-2"), I("i-0000000000000000c", "web-3"),
        I("i-0000000000000000d", "db-1", "Staging"), I("i-0000000000000000e", "db-2", "Staging"), I("i-0000000000000000f", "web-4"),
    ];

    [Theory]
    // no target: every instance
    [InlineData(new string[0], "a b c d e f")]
    // an instance id, a Name tag value, a tag (OR across entries, sorted, no duplicates)
    [InlineData(new[] { "i-0000000000000000c" }, "c")]
    [InlineData(new[] { "db-2", "web-1" }, "a e")]
    [InlineData(new[] { "tag:Environment=Staging", "db-1" }, "d e")]
    // nothing matches: empty (the fault then ends with an event saying so)
    [InlineData(new[] { "tag:Environment=Nowhere", "i-00000000000000099" }, "")]
    public void Resolve_MatchesIdsNamesAndTags_WhenNoRandomIsAsked(string[] targets, string expected)
    {
        var got = FaultTargets.Resolve(Fleet, targets, random: null, seed: 0);
        Assert.Equal(expected, string.Join(" ", got.Select(id => id[^1..])));
    }

    [Fact]
    public void Resolve_ChoosesTheSameInstances_ForTheSameSeedAndFleet_WhateverTheListOrder()
    {
        var first = FaultTargets.Resolve(Fleet, [], random: 3, seed: 42);
        var shuffledInput = FaultTargets.Resolve(Fleet.Reverse(), [], random: 3, seed: 42);
        Assert.Equal(3, first.Count);
        Assert.Equal(first, shuffledInput);
        Assert.Equal(first, FaultTargets.Resolve(Fleet, [], random: 3, seed: 42));
        // Pinned: the seeded legacy System.Random is the same on every .NET version, so lab files replay the same choice.
        Assert.Equal(["i-0000000000000000b", "i-0000000000000000c", "i-0000000000000000d"], first);
    }

    [Fact]
    public void Resolve_ChoosesOtherInstances_ForOtherSeeds_AndAllWhenRandomCoversTheMatches()
    {
        var choices = Enumerable.Range(0, 20).Select(seed => string.Join(",", FaultTargets.Resolve(Fleet, [], 2, seed))).Distinct().Count();
        Assert.True(choices > 3, $"20 seeds gave only {choices} different choices");
        Assert.Equal(["i-0000000000000000d", "i-0000000000000000e"], FaultTargets.Resolve(Fleet, ["tag:Environment=Staging"], random: 5, seed: 1));
    }
}
