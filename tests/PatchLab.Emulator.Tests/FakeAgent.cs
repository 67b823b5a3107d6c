using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using PatchLab.Contracts;
using PatchLab.Contracts.Agent;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Storage;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// A hand-written agent speaking the agent protocol over loopback, for scheduler and rollout tests without Docker
/// (the real agent is tested in PatchLab.Agent.Tests and end to end in the Docker tests). It acknowledges, works, replies
/// (retrying while the emulator is down), stops a document on a Cancel message, can go offline, and can pace its work by
/// the emulator clock it receives, as the real agent does. Nothing it swallows is lost: every answer that is not 2xx and
/// every exception is in <see cref="Journal"/>, which a test puts in its timeout message (<see cref="Describe"/>).
/// </summary>
public sealed class FakeAgent : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;
    private readonly Func<AgentMessage, bool> _succeeds;
    private readonly Func<AgentMessage, TimeSpan> _workTime;
    private readonly bool _emulatorTime;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly Lock _clockLock = new();
    private DateTimeOffset _clockNow;
    private double _clockSpeed = 1;
    private long _clockAt;
    private volatile bool _offline;

    private FakeAgent(Uri endpoint, string instanceId, string token, Func<AgentMessage, bool> succeeds, Func<AgentMessage, TimeSpan> workTime, bool emulatorTime)
    {
        InstanceId = instanceId;
        _succeeds = succeeds;
        _workTime = workTime;
        _emulatorTime = emulatorTime;
        _http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Add(AgentProtocol.InstanceHeader, instanceId);
        _http.DefaultRequestHeaders.Add(AgentProtocol.TokenHeader, token);
        _loop = Task.Run(RunAsync);
    }

    public string InstanceId { get; }

    /// <summary>(ack time, end of work) of every document run, real time; cancelled runs included.</summary>
    public ConcurrentBag<(DateTimeOffset Start, DateTimeOffset End, string CommandId)> Runs { get; } = [];

    /// <summary>Every message received (Run and Cancel), in order.</summary>
    public ConcurrentQueue<AgentMessage> Received { get; } = new();

    /// <summary>What this agent did (received, acknowledged, replied) and every failure it met, for failure messages.</summary>
    public AgentJournal Journal { get; } = new();

    /// <summary>This agent's view for a failure message (see <see cref="AgentJournal.Describe"/>).</summary>
    public string Describe() => Journal.Describe(InstanceId);

    /// <summary>Command ids this agent stopped because of a Cancel message.</summary>
    public ConcurrentBag<string> Cancelled { get; } = [];

    /// <summary>Launches an instance in an in-process emulator. <paramref name="workTime"/> is real time unless <paramref name="emulatorTime"/>.</summary>
    public static FakeAgent Launch(EmulatorFixture emu, Dictionary<string, string> tags, Func<AgentMessage, bool>? succeeds = null, TimeSpan? workTime = null,
        bool emulatorTime = false, Func<AgentMessage, TimeSpan>? workTimeOf = null) =>
        Launch(emu.Endpoint, emu.Get<InstanceRepository>(), tags, succeeds, workTime, emulatorTime, workTimeOf);

    /// <summary>Launches an instance in the emulator at <paramref name="endpoint"/> whose state <paramref name="instances"/> opens.</summary>
    public static FakeAgent Launch(Uri endpoint, InstanceRepository instances, Dictionary<string, string> tags, Func<AgentMessage, bool>? succeeds = null,
        TimeSpan? workTime = null, bool emulatorTime = false, Func<AgentMessage, TimeSpan>? workTimeOf = null)
    {
        var id = Wire.WireFormat.HexId("i-");
        var token = Guid.NewGuid().ToString("N");
        instances.Insert(new Instance
        {
            InstanceId = id, Os = "AmazonLinux2", TokenHash = FleetService.HashToken(token), State = "running", LaunchedAt = DateTimeOffset.UnixEpoch, Tags = tags,
        });
        var fixedWork = workTime ?? TimeSpan.FromMilliseconds(300);
        return new FakeAgent(endpoint, id, token, succeeds ?? (_ => true), workTimeOf ?? (_ => fixedWork), emulatorTime);
    }

    public async Task WaitRegisteredAsync(EmulatorFixture emu) => await WaitRegisteredAsync(emu.Get<InstanceRepository>());

    public async Task WaitRegisteredAsync(InstanceRepository instances)
    {
        for (var i = 0; i < 200 && instances.Get(InstanceId)?.RegistrationDate is null; i++)
        {
            await Task.Delay(50);
        }
    }

    /// <summary>Stops polling and replying (a node that lost its connection); documents it runs finish but their replies wait.</summary>
    public void GoOffline() => _offline = true;

    /// <summary>Polls and replies again.</summary>
    public void GoOnline() => _offline = false;

    private async Task RunAsync()
    {
        var ct = _cts.Token;
        var clock = await PostWithRetryAsync("register", new AgentRegisterRequest
        {
            InstanceId = InstanceId, AgentVersion = "3.3.40.0", PlatformType = "Linux", PlatformName = "Amazon Linux", PlatformVersion = "2",
            ComputerName = "fake", Boot = true,
        }, PatchLabJsonContext.Default.AgentClock, ct);
        if (clock is not null)
        {
            UpdateClock(clock);
        }
        var done = new HashSet<string>();
        while (!ct.IsCancellationRequested)
        {
            if (_offline)
            {
                await Delay(TimeSpan.FromMilliseconds(50), ct);
                continue;
            }
            AgentPollResponse? poll;
            try
            {
                using var resp = await _http.PostAsJsonAsync(AgentProtocol.Prefix + "/poll", new AgentPollRequest { WaitSeconds = 2 },
                    PatchLabJsonContext.Default.AgentPollRequest, ct);
                if (!resp.IsSuccessStatusCode)
                {
                    Journal.Problem($"poll: answered {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync(ct)}");
                    await Delay(TimeSpan.FromMilliseconds(100), ct);
                    continue;
                }
                poll = await resp.Content.ReadFromJsonAsync(PatchLabJsonContext.Default.AgentPollResponse, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The emulator is restarting (refused connection, or an empty answer from a poll it cut short).
                Journal.Problem($"poll: {e.GetType().Name}: {e.Message}");
                await Delay(TimeSpan.FromMilliseconds(100), ct);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (poll is null || _offline)
            {
                continue;
            }
            UpdateClock(poll.Clock);
            foreach (var m in poll.Messages)
            {
                if (!done.Add(m.MessageId))
                {
                    continue;
                }
                Received.Enqueue(m);
                Journal.Note($"received {m.Kind} {m.MessageId}");
                if (m.Kind == "Cancel")
                {
                    _ = Task.Run(() => CancelAsync(m, ct), ct);
                }
                else
                {
                    _ = Task.Run(() => RunDocumentAsync(m, ct), ct);
                }
            }
        }
    }

    private async Task CancelAsync(AgentMessage m, CancellationToken ct)
    {
        try
        {
            await SendAsync("ack", new AgentAckRequest { MessageId = m.MessageId }, ct);
            if (_running.TryGetValue(m.CommandId, out var run))
            {
                await run.CancelAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            Journal.Problem($"cancel {m.MessageId}: {e}");
        }
    }

    private async Task RunDocumentAsync(AgentMessage m, CancellationToken ct)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _running[m.CommandId] = run;
        try
        {
            await SendAsync("ack", new AgentAckRequest { MessageId = m.MessageId }, ct);
            var start = DateTimeOffset.UtcNow;
            var emuStart = EmulatorNow();
            var cancelled = false;
            try
            {
                await WorkAsync(_workTime(m), run.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                cancelled = true;
                Cancelled.Add(m.CommandId);
            }
            var ok = !cancelled && _succeeds(m);
            var status = cancelled ? "Cancelled" : ok ? "Success" : "Failed";
            // Recorded before the reply, so a test that sees the emulator's result also sees the run.
            Runs.Add((start, DateTimeOffset.UtcNow, m.CommandId));
            while (_offline)
            {
                await Delay(TimeSpan.FromMilliseconds(50), ct);
            }
            await SendAsync("reply", new AgentReply
            {
                MessageId = m.MessageId, CommandId = m.CommandId, DocumentStatus = status, Sequence = 1,
                Steps =
                [
                    new AgentStepResult
                    {
                        Name = "PatchLinux", Status = status, Code = cancelled ? -1 : ok ? 0 : 1, StandardOutput = "fake",
                        StartDateTime = _emulatorTime ? emuStart : start, EndDateTime = _emulatorTime ? EmulatorNow() : DateTimeOffset.UtcNow,
                    },
                ],
            }, ct);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // Nothing awaits this task: a fault must show in the test's failure message, not vanish.
            Journal.Problem($"run {m.MessageId}: {e}");
        }
        finally
        {
            _running.TryRemove(m.CommandId, out _);
        }
    }

    /// <summary>Simulated work: real time, or emulator time paced by the clock the emulator sends (paused: no progress).</summary>
    private async Task WorkAsync(TimeSpan work, CancellationToken ct)
    {
        if (!_emulatorTime)
        {
            await Delay(work, ct);
            return;
        }
        var target = EmulatorNow() + work;
        while (true)
        {
            var remaining = target - EmulatorNow();
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }
            double speed;
            lock (_clockLock)
            {
                speed = _clockSpeed;
            }
            var slice = speed <= 0 ? TimeSpan.FromMilliseconds(20) : TimeSpan.FromTicks((long)(remaining.Ticks / speed));
            await Delay(slice < TimeSpan.FromMilliseconds(20) ? slice : TimeSpan.FromMilliseconds(20), ct);
        }
    }

    private void UpdateClock(AgentClock clock)
    {
        lock (_clockLock)
        {
            _clockNow = clock.Now;
            _clockSpeed = clock.Speed;
            _clockAt = Stopwatch.GetTimestamp();
        }
    }

    private DateTimeOffset EmulatorNow()
    {
        lock (_clockLock)
        {
            return _clockNow + TimeSpan.FromTicks((long)(Stopwatch.GetElapsedTime(_clockAt).Ticks * _clockSpeed));
        }
    }

    private static async Task Delay(TimeSpan t, CancellationToken ct)
    {
        if (t > TimeSpan.Zero)
        {
            await Task.Delay(t, ct);
        }
    }

    /// <summary>
    /// Posts until the emulator answers 2xx (it may be restarting); returns the body when a type is given. A refused
    /// connection, a timeout, a 5xx, 408 or 429 is retried; any other answer cannot change by asking again and is given up
    /// (null). Every failed attempt is in <see cref="Journal"/>.
    /// </summary>
    private async Task<TResult?> PostWithRetryAsync<T, TResult>(string path, T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TResult>? result,
        CancellationToken ct) where TResult : class
    {
        var type = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>)PatchLabJsonContext.Default.GetTypeInfo(typeof(T))!;
        var what = body switch
        {
            AgentAckRequest a => $"ack {a.MessageId}",
            AgentReply r => $"reply {r.DocumentStatus} to {r.MessageId}",
            _ => path,
        };
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                using var resp = await _http.PostAsJsonAsync(AgentProtocol.Prefix + "/" + path, body, type, ct);
                if (resp.IsSuccessStatusCode)
                {
                    Journal.Note($"{what}: {(int)resp.StatusCode}");
                    return result is null ? null : await resp.Content.ReadFromJsonAsync(result, ct);
                }
                var retry = (int)resp.StatusCode >= 500 || resp.StatusCode is System.Net.HttpStatusCode.RequestTimeout or System.Net.HttpStatusCode.TooManyRequests;
                Journal.Problem($"{what}: answered {(int)resp.StatusCode} {await resp.Content.ReadAsStringAsync(ct)}{(retry ? "" : "; given up")}");
                if (!retry)
                {
                    return null;
                }
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !ct.IsCancellationRequested)
            {
                Journal.Problem($"{what}: {e.GetType().Name}: {e.Message}");
            }
            await Task.Delay(100, ct);
        }
    }

    private Task SendAsync<T>(string path, T body, CancellationToken ct) => PostWithRetryAsync<T, AgentClock>(path, body, null, ct);

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
