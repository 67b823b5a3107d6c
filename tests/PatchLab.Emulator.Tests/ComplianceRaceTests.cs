using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// PutComplianceItems derives what it stores from what is stored (a PARTIAL upload merges into the node's association
/// report; a new custom type counts the node's custom types). Requests for one node that arrive together (association
/// runs reporting at once, API calls on several Kestrel threads) must each see the other's write: none may merge into or
/// count from a report older than the last one stored.
/// </summary>
public sealed class ComplianceRaceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Scan = new(2026, 3, 2, 4, 0, 0, TimeSpan.Zero);
    private EmulatorFixture _emu = null!;

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync() => await _emu.DisposeAsync();

    private string Node()
    {
        var id = Wire.WireFormat.HexId("i-");
        _emu.Get<InstanceRepository>().Insert(new Instance { InstanceId = id, Os = "AmazonLinux2", TokenHash = "x", State = "running", LaunchedAt = Scan.AddDays(-9) });
        return id;
    }

    private static ComplianceReport Report(string node, string type, string itemId) => new()
    {
        ResourceId = node, ComplianceType = type, ExecutionTime = Scan, ExecutionId = "exec-" + itemId, ExecutionType = "Command",
        Items = [new ComplianceEntry { Id = itemId, Title = "association " + itemId, Severity = "HIGH", Status = "COMPLIANT" }],
    };

    [Fact]
    public async Task PartialAssociationUploads_AtOnce_KeepEveryItem()
    {
        var backend = _emu.Get<ComplianceBackend>();
        const int rounds = 40;
        const int perRound = 4;
        var nodes = Enumerable.Range(0, rounds).Select(_ => Node()).ToList();

        // Each node gets four PARTIAL uploads, each with its own association id, released together.
        foreach (var node in nodes)
        {
            using var start = new Barrier(perRound);
            await Task.WhenAll(Enumerable.Range(0, perRound).Select(k => Task.Run(() =>
            {
                start.SignalAndWait();
                backend.Put(ComplianceBackend.ManagedInstance, Report(node, ComplianceBackend.Association, $"assoc-{k}"), partial: true);
            })));
        }

        var reports = _emu.Get<ComplianceRepository>().Reports(nodes);
        var lost = nodes
            .Select(n => (Node: n, Ids: reports.SingleOrDefault(r => r.ResourceId == n)?.Items.Select(i => i.Id!).Order(StringComparer.Ordinal).ToList() ?? []))
            .Where(x => x.Ids.Count != perRound)
            .Select(x => $"{x.Node}: {string.Join(",", x.Ids)}")
            .ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {rounds} nodes lost association items sent together (expected assoc-0..assoc-{perRound - 1}):\n{string.Join('\n', lost)}");
    }

    [Fact]
    public async Task NewCustomTypes_AtOnce_StopAtTheLimit()
    {
        var backend = _emu.Get<ComplianceBackend>();
        const int requests = 2 * ComplianceBackend.MaxCustomTypes;
        var nodes = Enumerable.Range(0, 10).Select(_ => Node()).ToList();

        foreach (var node in nodes)
        {
            using var start = new Barrier(requests);
            var outcomes = await Task.WhenAll(Enumerable.Range(0, requests).Select(k => Task.Run(() =>
            {
                start.SignalAndWait();
                try
                {
                    backend.Put(ComplianceBackend.ManagedInstance, Report(node, $"Custom:Check{k}", "item"), partial: false);
                    return "stored";
                }
                catch (ComplianceTypeCountLimitExceededException)
                {
                    return "limit";
                }
            })));

            var types = _emu.Get<ComplianceRepository>().Reports([node]).Count(r => r.ComplianceType.StartsWith(ComplianceBackend.CustomPrefix, StringComparison.Ordinal));
            Assert.Equal((ComplianceBackend.MaxCustomTypes, ComplianceBackend.MaxCustomTypes, ComplianceBackend.MaxCustomTypes),
                (types, outcomes.Count(o => o == "stored"), outcomes.Count(o => o == "limit")));
        }
    }
}
