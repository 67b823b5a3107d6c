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
        // Pinned: the seeded legacy System.Random is the same on every .NET version, so lab files replay the same choice. Seed
        // 42 takes pool positions 1-3; the pool in Name order is db-1 db-2 web-1 web-2 web-3 web-4, so db-2, web-1, web-2.
        Assert.Equal(["i-0000000000000000a", "i-0000000000000000b", "i-0000000000000000e"], first);
    }

    [Fact]
    public void Resolve_ChoosesTheSameNames_WhenTheFleetIsLaunchedAgainWithNewIds()
    {
        // A lab file's fleet: the same names on every run, fresh random ids (here in the opposite id order).
        var again = Fleet.Select(i => i with { InstanceId = "i-1" + new string((char)('a' + 'f' - i.InstanceId[^1]), 17) }).ToList();
        string Names(IEnumerable<Instance> fleet, int seed) =>
            string.Join(" ", FaultTargets.Resolve(fleet, [], random: 2, seed).Select(id => fleet.Single(i => i.InstanceId == id).Name).Order(StringComparer.Ordinal));

        Assert.All(Enumerable.Range(0, 10), seed => Assert.Equal(Names(Fleet, seed), Names(again, seed)));
    }

    [Fact]
    public void Resolve_ChoosesOtherInstances_ForOtherSeeds_AndAllWhenRandomCoversTheMatches()
    {
        var choices = Enumerable.Range(0, 20).Select(seed => string.Join(",", FaultTargets.Resolve(Fleet, [], 2, seed))).Distinct().Count();
        Assert.True(choices > 3, $"20 seeds gave only {choices} different choices");
        Assert.Equal(["i-0000000000000000d", "i-0000000000000000e"], FaultTargets.Resolve(Fleet, ["tag:Environment=Staging"], random: 5, seed: 1));
    }
}
