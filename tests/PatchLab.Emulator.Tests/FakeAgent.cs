using System.Collections.Concurrent;
using System.Net.Http.Json;
using PatchLab.Contracts;
using PatchLab.Contracts.Agent;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Storage;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// A hand-written agent speaking the agent protocol over loopback, for scheduler and rollout tests without Docker
/// (the real agent is tested in PatchLab.Agent.Tests and end to end in the Docker tests).
/// </summary>
public sealed class FakeAgent : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;
    private readonly Func<AgentMessage, bool> _succeeds;
    private readonly TimeSpan _workTime;

    private FakeAgent(Uri endpoint, string instanceId, string token, Func<AgentMessage, bool> succeeds, TimeSpan workTime)
    {
        InstanceId = instanceId;
        _succeeds = succeeds;
        _workTime = workTime;
        _http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Add(AgentProtocol.InstanceHeader, instanceId);
        _http.DefaultRequestHeaders.Add(AgentProtocol.TokenHeader, token);
        _loop = Task.Run(RunAsync);
    }

    public string InstanceId { get; }

    /// <summary>(ack time, end time) of every document run, real time.</summary>
    public ConcurrentBag<(DateTimeOffset Start, DateTimeOffset End, string CommandId)> Runs { get; } = [];

    public static FakeAgent Launch(EmulatorFixture emu, Dictionary<string, string> tags, Func<AgentMessage, bool>? succeeds = null, TimeSpan? workTime = null)
    {
        var id = Wire.WireFormat.HexId("i-");
        var token = Guid.NewGuid().ToString("N");
        emu.Get<InstanceRepository>().Insert(new Instance
        {
            InstanceId = id, Os = "AmazonLinux2", TokenHash = FleetService.HashToken(token), State = "running", LaunchedAt = DateTimeOffset.UnixEpoch, Tags = tags,
        });
        return new FakeAgent(emu.Endpoint, id, token, succeeds ?? (_ => true), workTime ?? TimeSpan.FromMilliseconds(300));
    }

    public async Task WaitRegisteredAsync(EmulatorFixture emu)
    {
        for (var i = 0; i < 100 && emu.Get<InstanceRepository>().Get(InstanceId)?.RegistrationDate is null; i++)
        {
            await Task.Delay(50);
        }
    }

    private async Task RunAsync()
    {
        var ct = _cts.Token;
        await PostAsync("register", new AgentRegisterRequest
        {
            InstanceId = InstanceId, AgentVersion = "3.3.40.0", PlatformType = "Linux", PlatformName = "Amazon Linux", PlatformVersion = "2",
            ComputerName = "fake", Boot = true,
        }, ct);
        var done = new HashSet<string>();
        while (!ct.IsCancellationRequested)
        {
            AgentPollResponse? poll;
            try
            {
                using var resp = await _http.PostAsJsonAsync(AgentProtocol.Prefix + "/poll", new AgentPollRequest { WaitSeconds = 2 },
                    PatchLabJsonContext.Default.AgentPollRequest, ct);
                poll = await resp.Content.ReadFromJsonAsync(PatchLabJsonContext.Default.AgentPollResponse, ct);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                await Task.Delay(100, ct);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            foreach (var m in poll?.Messages ?? [])
            {
                if (!done.Add(m.MessageId))
                {
                    continue;
                }
                _ = Task.Run(() => RunDocumentAsync(m, ct), ct);
            }
        }
    }

    private async Task RunDocumentAsync(AgentMessage m, CancellationToken ct)
    {
        try
        {
            await PostAsync("ack", new AgentAckRequest { MessageId = m.MessageId }, ct);
            var start = DateTimeOffset.UtcNow;
            await Task.Delay(_workTime, ct);
            var ok = _succeeds(m);
            await PostAsync("reply", new AgentReply
            {
                MessageId = m.MessageId, CommandId = m.CommandId, DocumentStatus = ok ? "Success" : "Failed", Sequence = 1,
                Steps = [new AgentStepResult { Name = "PatchLinux", Status = ok ? "Success" : "Failed", Code = ok ? 0 : 1, StandardOutput = "fake", StartDateTime = start, EndDateTime = DateTimeOffset.UtcNow }],
            }, ct);
            Runs.Add((start, DateTimeOffset.UtcNow, m.CommandId));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task PostAsync<T>(string path, T body, CancellationToken ct)
    {
        var type = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)PatchLabJsonContext.Default.GetTypeInfo(typeof(T))!;
        using var resp = await _http.PostAsJsonAsync(AgentProtocol.Prefix + "/" + path, body, type, ct);
        resp.EnsureSuccessStatusCode();
    }

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
