using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using PatchLab.Contracts;
using PatchLab.Contracts.Agent;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Storage;

namespace PatchLab.Emulator.Tests;

/// <summary>
/// One instance's side of the agent protocol with a token the test knows. Either the test drives every step (register,
/// poll, ack, reply: exact protocol assertions, ExecutionTimedOut replies, impersonation), or <see cref="Start"/> runs it as
/// a simple agent (what <see cref="FakeFleet"/> runs): acknowledge, work, reply Success; stop on a Cancel message. The loop
/// swallows nothing silently: every answer that is not 2xx and every exception lands in <see cref="Journal"/>, and
/// <see cref="Describe"/> gives its view for a test's timeout message.
/// </summary>
public sealed class ScriptedAgent : IAsyncDisposable
{
    private readonly HttpClient _http;
    private CancellationTokenSource? _loop;
    private Task _loopTask = Task.CompletedTask;

    public ScriptedAgent(Uri endpoint, string instanceId, string token)
    {
        InstanceId = instanceId;
        Token = token;
        _http = new HttpClient { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string InstanceId { get; }

    public string Token { get; }

    /// <summary>
    /// What the loop did with each message (received, acknowledged, replied and the answer) and what went wrong on its side:
    /// every answer that was not 2xx, with its body, and every exception of a register, poll, ack, verdict or reply.
    /// </summary>
    public AgentJournal Journal { get; } = new();

    /// <summary>Every message the loop received, in order.</summary>
    public ConcurrentQueue<AgentMessage> Received { get; } = new();

    /// <summary>Real time each document ran, for the loop: (ack, end, command id).</summary>
    public ConcurrentBag<(DateTimeOffset Start, DateTimeOffset End, string CommandId)> Runs { get; } = [];

    /// <summary>How long a document takes in the loop.</summary>
    public TimeSpan WorkTime { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The loop's verdict per document (Success, Failed, TimedOut).</summary>
    public Func<AgentMessage, string> Outcome { get; set; } = _ => "Success";

    /// <summary>Inserts a running, not yet registered instance with a fresh id and token.</summary>
    public static ScriptedAgent Insert(EmulatorFixture emu, Dictionary<string, string>? tags = null)
    {
        var id = Wire.WireFormat.HexId("i-");
        var token = Guid.NewGuid().ToString("N");
        emu.Get<InstanceRepository>().Insert(new Instance
        {
            InstanceId = id, Os = "AmazonLinux2", TokenHash = FleetService.HashToken(token), State = "running", LaunchedAt = DateTimeOffset.UnixEpoch,
            ComputerName = $"ip-127-0-9-{Random.Shared.Next(1, 250)}.ec2.internal", Tags = tags ?? new Dictionary<string, string> { ["Name"] = "scripted" },
        });
        return new ScriptedAgent(emu.Endpoint, id, token);
    }

    /// <summary>Inserts and registers an instance (Online, managed).</summary>
    public static async Task<ScriptedAgent> RegisteredAsync(EmulatorFixture emu, Dictionary<string, string>? tags = null, string platformType = "Linux")
    {
        var agent = Insert(emu, tags);
        await agent.RegisterAsync(platformType: platformType);
        return agent;
    }

    public async Task RegisterAsync(bool boot = true, string platformType = "Linux")
    {
        var resp = await PostAsync("register", new AgentRegisterRequest
        {
            InstanceId = InstanceId, AgentVersion = "3.3.40.0", PlatformType = platformType,
            PlatformName = platformType == "Windows" ? "Microsoft Windows Server 2022 Datacenter" : "Amazon Linux",
            PlatformVersion = platformType == "Windows" ? "10.0.20348" : "2", ComputerName = "scripted", Boot = boot,
        }, PatchLabJsonContext.Default.AgentRegisterRequest);
        resp.EnsureSuccessStatusCode();
    }

    /// <summary>One poll; <paramref name="waitSeconds"/> 0 answers at once.</summary>
    public async Task<List<AgentMessage>> PollAsync(int waitSeconds = 0, CancellationToken ct = default)
    {
        using var resp = await PostAsync("poll", new AgentPollRequest { WaitSeconds = waitSeconds }, PatchLabJsonContext.Default.AgentPollRequest, ct: ct);
        resp.EnsureSuccessStatusCode();
        return (await resp.Content.ReadFromJsonAsync(PatchLabJsonContext.Default.AgentPollResponse, ct))!.Messages;
    }

    /// <summary>Polls until a message arrives (or 10 s pass).</summary>
    public async Task<AgentMessage> NextMessageAsync()
    {
        for (var i = 0; i < 20; i++)
        {
            if ((await PollAsync(1)).FirstOrDefault() is { } m)
            {
                return m;
            }
        }
        throw new TimeoutException($"{InstanceId} received no message in 20 s");
    }

    public async Task<HttpStatusCode> AckAsync(string messageId)
    {
        using var resp = await SendAckAsync(messageId, CancellationToken.None);
        return resp.StatusCode;
    }

    /// <summary>Replies for <paramref name="m"/> with one step named after its document.</summary>
    public async Task<HttpStatusCode> ReplyAsync(AgentMessage m, string status, int code, string stdout = "", string stderr = "", long sequence = 1)
    {
        using var resp = await SendReplyAsync(m, status, code, stdout, stderr, sequence, CancellationToken.None);
        return resp.StatusCode;
    }

    private Task<HttpResponseMessage> SendAckAsync(string messageId, CancellationToken ct) =>
        PostAsync("ack", new AgentAckRequest { MessageId = messageId }, PatchLabJsonContext.Default.AgentAckRequest, ct: ct);

    private Task<HttpResponseMessage> SendReplyAsync(AgentMessage m, string status, int code, string stdout, string stderr, long sequence, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        return PostAsync("reply", new AgentReply
        {
            MessageId = m.MessageId, CommandId = m.CommandId, DocumentStatus = status, Sequence = sequence,
            Steps =
            [
                new AgentStepResult
                {
                    Name = StepName(m.DocumentName), Status = status, Code = code, StandardOutput = stdout, StandardError = stderr,
                    StartDateTime = now.AddSeconds(-1), EndDateTime = status == "InProgress" ? null : now,
                },
            ],
        }, PatchLabJsonContext.Default.AgentReply, ct: ct);
    }

    /// <summary>Posts to the agent API as <paramref name="instanceId"/> with <paramref name="token"/> (default: this instance's own).</summary>
    public async Task<HttpResponseMessage> PostAsync<T>(string path, T body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string? instanceId = null,
        string? token = null, CancellationToken ct = default)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, AgentProtocol.Prefix + "/" + path) { Content = JsonContent.Create(body, type) };
        req.Headers.Add(AgentProtocol.InstanceHeader, instanceId ?? InstanceId);
        req.Headers.Add(AgentProtocol.TokenHeader, token ?? Token);
        return await _http.SendAsync(req, ct);
    }

    /// <summary>Runs as a simple agent until <see cref="StopAsync"/>: registers (a boot), then polls and works.</summary>
    public void Start()
    {
        _loop = new CancellationTokenSource();
        var ct = _loop.Token;
        _loopTask = Task.Run(() => LoopAsync(ct), ct);
    }

    /// <summary>Stops the loop (the instance's agent is gone: stopped, paused or rebooting).</summary>
    public async Task StopAsync()
    {
        if (_loop is null)
        {
            return;
        }
        await _loop.CancelAsync();
        try
        {
            await _loopTask;
        }
        catch (OperationCanceledException)
        {
        }
        _loop.Dispose();
        _loop = null;
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RegisterAsync();
                break;
            }
            catch (HttpRequestException e)
            {
                Problem($"register: {e.Message}");
                await Task.Delay(100, ct);
            }
        }
        var seen = new HashSet<string>();
        var running = new ConcurrentDictionary<string, CancellationTokenSource>();
        while (!ct.IsCancellationRequested)
        {
            List<AgentMessage> messages;
            try
            {
                messages = await PollAsync(2, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // The emulator is restarting (refused connection, or an empty answer from a poll it cut short).
                Problem($"poll: {e.GetType().Name}: {e.Message}");
                await Task.Delay(100, ct);
                continue;
            }
            foreach (var m in messages.Where(m => seen.Add(m.MessageId)))
            {
                Received.Enqueue(m);
                Note($"received {m.Kind} {m.MessageId}");
                await RetryAsync($"ack {m.MessageId}", t => SendAckAsync(m.MessageId, t), ct);
                if (m.Kind == "Cancel")
                {
                    if (running.TryGetValue(m.CommandId, out var cts))
                    {
                        await cts.CancelAsync();
                    }
                    continue;
                }
                var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
                running[m.CommandId] = run;
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await WorkAndReplyAsync(m, run, running, ct);
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        Note($"stopped before replying to {m.MessageId}");
                    }
                    catch (Exception e)
                    {
                        // Nothing awaits this task: a fault must show in the test's failure message, not vanish.
                        Problem($"run {m.MessageId}: {e}");
                    }
                }, CancellationToken.None);
            }
        }
    }

    private async Task WorkAndReplyAsync(AgentMessage m, CancellationTokenSource run, ConcurrentDictionary<string, CancellationTokenSource> running,
        CancellationToken ct)
    {
        var start = DateTimeOffset.UtcNow;
        string status;
        try
        {
            await Task.Delay(WorkTime, run.Token);
            status = Outcome(m);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            status = "Cancelled";
        }
        running.TryRemove(m.CommandId, out _);
        // Kept and retried while the emulator is away, as the real agent's reply outbox does.
        var code = status switch { "Success" => 0, "TimedOut" or "Cancelled" => 137, _ => 1 };
        if (await RetryAsync($"reply {status} to {m.MessageId}", t => SendReplyAsync(m, status, code, $"ran {m.DocumentName}", "", 1, t), ct))
        {
            Runs.Add((start, DateTimeOffset.UtcNow, m.CommandId));
        }
    }

    /// <summary>
    /// Sends until the emulator answers 2xx, then true. A refused connection, a timeout, a 5xx, 408 or 429 is retried (the
    /// emulator may be restarting or busy); any other answer will not change by asking again, so it is given up (false).
    /// Every failed attempt is in <see cref="Journal"/>.
    /// </summary>
    private async Task<bool> RetryAsync(string what, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var resp = await send(ct);
                if (resp.IsSuccessStatusCode)
                {
                    Note($"{what}: {(int)resp.StatusCode}");
                    return true;
                }
                var body = await resp.Content.ReadAsStringAsync(ct);
                var retry = (int)resp.StatusCode >= 500 || resp.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                Problem($"{what}: answered {(int)resp.StatusCode} {body}{(retry ? "" : "; given up")}");
                if (!retry)
                {
                    return false;
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Problem($"{what}: {e.GetType().Name}: {e.Message}");
            }
            await Task.Delay(100, ct);
        }
        return false;
    }

    private void Note(string line) => Journal.Note(line);

    private void Problem(string line) => Journal.Problem(line);

    /// <summary>This agent's view for a failure message (see <see cref="AgentJournal.Describe"/>).</summary>
    public string Describe() => Journal.Describe(InstanceId);

    private static string StepName(string document) => document == "AWS-RunShellScript" ? "aws:runShellScript" : "PatchLinux";

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }
}
