using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using PatchLab.Contracts;
using PatchLab.Contracts.Agent;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Storage;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// A node that runs AWS-RunPatchBaseline through the real agent protocol with a tiny package set, the way the real
/// agent does: it offers its installed versions and updates to /snapshot, installs what the emulator's baseline approves
/// (Install), reports per-patch compliance to /patch-report and replies. Baseline evaluation stays in the emulator, so
/// this exercises resolution (patch group, default) end to end without Docker.
/// </summary>
public sealed class PatchingAgent : IAsyncDisposable
{
    /// <summary>One package: installed version (with its advisory, if any) and the update the repository offers.</summary>
    /// <param name="Name">Package name.</param>
    /// <param name="Installed">Installed version-release.</param>
    /// <param name="Offered">Offered version-release.</param>
    /// <param name="Advisory">Advisory of the offered version.</param>
    /// <param name="Classification">Security, Bugfix, …</param>
    /// <param name="Severity">Critical, Important, Medium, Low or "".</param>
    public sealed record Package(string Name, string Installed, string Offered, string Advisory, string Classification, string Severity);

    private static readonly DateTimeOffset Released = new(2024, 1, 15, 0, 0, 0, TimeSpan.Zero);
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _cts = new();
    private readonly ConcurrentDictionary<string, string> _installed;
    private readonly IReadOnlyList<Package> _packages;
    private readonly Task _loop;

    private PatchingAgent(Uri endpoint, string instanceId, string token, IReadOnlyList<Package> packages)
    {
        InstanceId = instanceId;
        _packages = packages;
        _installed = new ConcurrentDictionary<string, string>(packages.ToDictionary(p => p.Name, p => p.Installed));
        _http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Add(AgentProtocol.InstanceHeader, instanceId);
        _http.DefaultRequestHeaders.Add(AgentProtocol.TokenHeader, token);
        _loop = Task.Run(RunAsync);
    }

    public string InstanceId { get; }

    /// <summary>Command ids whose document finished, with the snapshot answer the node patched from.</summary>
    public ConcurrentDictionary<string, AgentSnapshotResponse> Done { get; } = new();

    /// <summary>Version installed now, by package name.</summary>
    public IReadOnlyDictionary<string, string> Installed => _installed;

    public static async Task<PatchingAgent> LaunchAsync(EmulatorFixture emu, Dictionary<string, string> tags, IReadOnlyList<Package> packages)
    {
        var id = Wire.WireFormat.HexId("i-");
        var token = Guid.NewGuid().ToString("N");
        var repo = emu.Get<InstanceRepository>();
        repo.Insert(new Instance
        {
            InstanceId = id, Os = "AmazonLinux2", TokenHash = FleetService.HashToken(token), State = "running", LaunchedAt = DateTimeOffset.UnixEpoch, Tags = tags,
        });
        var agent = new PatchingAgent(emu.Endpoint, id, token, packages);
        for (var i = 0; i < 200 && repo.Get(id)?.RegistrationDate is null; i++)
        {
            await Task.Delay(25);
        }
        return agent;
    }

    public async Task WaitDoneAsync(string commandId)
    {
        for (var i = 0; i < 400 && !Done.ContainsKey(commandId); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(Done.ContainsKey(commandId), $"{InstanceId} did not finish command {commandId} in 20 s");
    }

    private async Task RunAsync()
    {
        var ct = _cts.Token;
        await PostAsync("register", new AgentRegisterRequest
        {
            InstanceId = InstanceId, AgentVersion = "3.3.40.0", PlatformType = "Linux", PlatformName = "Amazon Linux", PlatformVersion = "2",
            ComputerName = "patching", Boot = true,
        }, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var resp = await _http.PostAsJsonAsync(AgentProtocol.Prefix + "/poll", new AgentPollRequest { WaitSeconds = 1 },
                    PatchLabJsonContext.Default.AgentPollRequest, ct);
                var poll = await resp.Content.ReadFromJsonAsync(PatchLabJsonContext.Default.AgentPollResponse, ct);
                foreach (var m in (poll?.Messages ?? []).Where(m => m.Kind == "Run" && seen.Add(m.MessageId)))
                {
                    await RunDocumentAsync(m, ct);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task RunDocumentAsync(AgentMessage m, CancellationToken ct)
    {
        await PostAsync("ack", new AgentAckRequest { MessageId = m.MessageId }, ct);
        var operation = m.Parameters.TryGetValue("Operation", out var op) ? op[0] : "Scan";
        var start = DateTimeOffset.UtcNow;
        var request = new AgentSnapshotRequest { SnapshotId = m.Parameters.TryGetValue("SnapshotId", out var s) ? s[0] : "" };
        foreach (var p in _packages)
        {
            var installed = _installed[p.Name];
            // The installed version (as the real agent offers it), then the update when it is newer.
            request.Candidates.Add(Candidate(p, installed, installed == p.Offered ? p.Advisory : "", installed));
            if (installed != p.Offered)
            {
                request.Candidates.Add(Candidate(p, p.Offered, p.Advisory, installed));
            }
        }
        var snapshot = await PostAsync("snapshot", request, PatchLabJsonContext.Default.AgentSnapshotResponse, ct);
        var decided = request.Candidates.Zip(snapshot.Decisions).ToList();
        var report = new AgentPatchReport
        {
            CommandId = m.CommandId, Operation = operation, SnapshotId = snapshot.SnapshotId, BaselineId = snapshot.BaselineId, PatchGroup = snapshot.PatchGroup,
            OperationStartTime = start,
        };
        foreach (var p in _packages)
        {
            var update = decided.FirstOrDefault(d => d.First.Name == p.Name && d.First.Version != d.First.InstalledVersion).Second;
            var current = decided.First(d => d.First.Name == p.Name && d.First.Version == d.First.InstalledVersion).Second;
            var updateApproved = update is { Approved: true, Rejected: false };
            if (updateApproved && operation == "Install")
            {
                _installed[p.Name] = p.Offered;
            }
            var now = _installed[p.Name];
            var state = updateApproved && now != p.Offered ? "Missing"
                : updateApproved || current is { Approved: true, Rejected: false } ? "Installed"
                : "InstalledOther";
            report.Patches.Add(new PatchRecord
            {
                KBId = p.Name + ".x86_64", Title = $"{p.Name}.x86_64:0:{(state == "Missing" ? p.Offered : now)}", State = state,
                Classification = state == "InstalledOther" ? "" : p.Classification, Severity = state == "InstalledOther" ? "" : p.Severity,
                InstalledTime = state == "Missing" ? null : start, ComplianceLevel = updateApproved ? update!.ComplianceLevel : current.ComplianceLevel,
            });
        }
        report.OperationEndTime = DateTimeOffset.UtcNow;
        await PostAsync("patch-report", report, ct);
        await PostAsync("reply", new AgentReply
        {
            MessageId = m.MessageId, CommandId = m.CommandId, DocumentStatus = "Success", Sequence = 1,
            Steps = [new AgentStepResult { Name = "PatchLinux", Status = "Success", Code = 0, StandardOutput = $"Patch Baseline: {snapshot.BaselineId}", StartDateTime = start, EndDateTime = DateTimeOffset.UtcNow }],
        }, ct);
        Done[m.CommandId] = snapshot;
    }

    /// <summary>Calls /snapshot directly (BaselineOverride and error tests); the caller disposes the response.</summary>
    public Task<HttpResponseMessage> RawSnapshotAsync(AgentSnapshotRequest request) =>
        _http.PostAsJsonAsync(AgentProtocol.Prefix + "/snapshot", request, PatchLabJsonContext.Default.AgentSnapshotRequest);

    /// <summary>The candidates this node offers now (installed versions and updates), as in a real run.</summary>
    public List<PatchCandidate> Candidates() =>
    [
        .. _packages.SelectMany(p => _installed[p.Name] == p.Offered
            ? new[] { Candidate(p, p.Offered, p.Advisory, p.Offered) }
            : [Candidate(p, _installed[p.Name], "", _installed[p.Name]), Candidate(p, p.Offered, p.Advisory, _installed[p.Name])]),
    ];

    private static PatchCandidate Candidate(Package p, string version, string advisory, string installed) => new()
    {
        Name = p.Name, Arch = "x86_64", Version = version, InstalledVersion = installed, AdvisoryId = advisory,
        Classification = advisory.Length > 0 ? p.Classification : "", Severity = advisory.Length > 0 ? p.Severity : "", ReleaseDate = Released,
    };

    private async Task PostAsync<T>(string path, T body, CancellationToken ct)
    {
        var type = (JsonTypeInfo<T>)PatchLabJsonContext.Default.GetTypeInfo(typeof(T))!;
        using var resp = await _http.PostAsJsonAsync(AgentProtocol.Prefix + "/" + path, body, type, ct);
        resp.EnsureSuccessStatusCode();
    }

    private async Task<TResponse> PostAsync<T, TResponse>(string path, T body, JsonTypeInfo<TResponse> responseType, CancellationToken ct)
    {
        var type = (JsonTypeInfo<T>)PatchLabJsonContext.Default.GetTypeInfo(typeof(T))!;
        using var resp = await _http.PostAsJsonAsync(AgentProtocol.Prefix + "/" + path, body, type, ct);
        resp.EnsureSuccessStatusCode();
        return (await resp.Content.ReadFromJsonAsync(responseType, ct))!;
    }

    private Task<AgentSnapshotResponse> PostAsync(string path, AgentSnapshotRequest body, JsonTypeInfo<AgentSnapshotResponse> responseType, CancellationToken ct) =>
        PostAsync<AgentSnapshotRequest, AgentSnapshotResponse>(path, body, responseType, ct);

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _http.Dispose();
        _cts.Dispose();
    }
}
