using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatchLab.Contracts;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Tests.Fakes;

/// <summary>
/// A hand-written emulator for the agent protocol: queues messages for the long poll (a message not acknowledged within
/// <see cref="RedeliveryDelay"/> is delivered again, as MDS does), records every call, approves
/// Security candidates by default, and can fail replies or refuse the token on demand. Its clock runs at
/// <see cref="Speed"/> emulator seconds per real second from 2025-11-01T00:00:00Z.
/// </summary>
public sealed class FakeEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<QueuedMessage> _queue = [];
    private readonly ConcurrentQueue<RecordedCall> _calls = new();
    private readonly List<AgentReply> _replies = [];
    private readonly List<AgentPatchReport> _reports = [];
    private readonly List<string> _acks = [];
    private readonly List<AgentRegisterRequest> _registrations = [];
    private readonly List<AgentSnapshotRequest> _snapshots = [];
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private DateTimeOffset _baseNow = new(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private TimeSpan _baseElapsed;
    private double _speed = 1000;
    private long _order;

    private FakeEmulator(WebApplication app, string instanceId, string token)
    {
        _app = app;
        InstanceId = instanceId;
        Token = token;
    }

    public string InstanceId { get; }
    public string Token { get; }
    public string Endpoint { get; private set; } = "";

    /// <summary>The token the fake accepts; change it to make the agent's token "wrong".</summary>
    public string AcceptedToken { get; set; } = "";

    /// <summary>Replies to answer with HTTP 500 before accepting again.</summary>
    public int FailRepliesRemaining { get; set; }

    /// <summary>Baseline verdict per candidate; default approves Security updates.</summary>
    public Func<PatchCandidate, PatchDecision> Decide { get; set; } =
        c => new PatchDecision { Name = c.Name, Approved = c.Classification == "Security", ComplianceLevel = "UNSPECIFIED" };

    public string BaselineId { get; set; } = "pb-0123456789abcdef0";

    /// <summary>The baseline's RejectedPatchesAction the fake answers with.</summary>
    public string RejectedPatchesAction { get; set; } = "ALLOW_AS_DEPENDENCY";

    /// <summary>Objects the "object" call answers (InstallOverrideList), by URL; a URL not here answers NoSuchKey.</summary>
    public ConcurrentDictionary<string, string> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>Install faults sent with every snapshot (issue 7), or null.</summary>
    public AgentInstallFaults? InstallFaults { get; set; }

    /// <summary>Emulator seconds per real second; changing it keeps the clock continuous.</summary>
    public double Speed
    {
        get
        {
            lock (_lock)
            {
                return _speed;
            }
        }
        set
        {
            lock (_lock)
            {
                _baseNow = NowLocked();
                _baseElapsed = _watch.Elapsed;
                _speed = value;
            }
        }
    }

    public DateTimeOffset Now
    {
        get
        {
            lock (_lock)
            {
                return NowLocked();
            }
        }
    }

    public IReadOnlyList<RecordedCall> Calls => [.. _calls.OrderBy(c => c.Order)];

    public IReadOnlyList<AgentReply> Replies
    {
        get
        {
            lock (_lock)
            {
                return [.. _replies];
            }
        }
    }

    public IReadOnlyList<AgentPatchReport> Reports
    {
        get
        {
            lock (_lock)
            {
                return [.. _reports];
            }
        }
    }

    public IReadOnlyList<string> Acks
    {
        get
        {
            lock (_lock)
            {
                return [.. _acks];
            }
        }
    }

    public IReadOnlyList<AgentRegisterRequest> Registrations
    {
        get
        {
            lock (_lock)
            {
                return [.. _registrations];
            }
        }
    }

    public IReadOnlyList<AgentSnapshotRequest> Snapshots
    {
        get
        {
            lock (_lock)
            {
                return [.. _snapshots];
            }
        }
    }

    public static async Task<FakeEmulator> StartAsync(EmulatorTransport transport, string socketDirectory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var socketPath = Path.Combine(socketDirectory, AgentProtocol.SocketFileName);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (transport == EmulatorTransport.Tcp)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.ListenUnixSocket(socketPath);
            }
        });
        var app = builder.Build();
        var fake = new FakeEmulator(app, "i-" + Guid.NewGuid().ToString("N")[..17], "token-" + Guid.NewGuid().ToString("N"));
        fake.AcceptedToken = fake.Token;
        app.MapPost(AgentProtocol.Prefix + "/{operation}", (HttpContext http, string operation) => fake.HandleAsync(http, operation));
        await app.StartAsync();
        fake.Endpoint = transport == EmulatorTransport.Tcp
            ? app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : "unix://" + socketPath;
        return fake;
    }

    public static readonly TimeSpan RedeliveryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Queues a message for the next poll.</summary>
    public void Deliver(AgentMessage message)
    {
        lock (_lock)
        {
            _queue.Add(new QueuedMessage(message));
        }
    }

    public static AgentMessage PatchBaseline(string instanceId, string operation, string rebootOption = "RebootIfNeeded", string? commandId = null,
        string installOverrideList = "", string baselineOverride = "")
    {
        commandId ??= Guid.NewGuid().ToString();
        return new AgentMessage
        {
            MessageId = $"aws.ssm.{commandId}.{instanceId}",
            CommandId = commandId,
            DocumentName = "AWS-RunPatchBaseline",
            Parameters = new Dictionary<string, List<string>>
            {
                ["Operation"] = [operation],
                ["SnapshotId"] = [""],
                ["RebootOption"] = [rebootOption],
                ["InstallOverrideList"] = [installOverrideList],
                ["BaselineOverride"] = [baselineOverride],
            },
        };
    }

    public static AgentMessage ShellScript(string instanceId, string[] commands, string? executionTimeout = null)
    {
        var commandId = Guid.NewGuid().ToString();
        var parameters = new Dictionary<string, List<string>> { ["commands"] = [.. commands], ["workingDirectory"] = [""] };
        if (executionTimeout is not null)
        {
            parameters["executionTimeout"] = [executionTimeout];
        }
        return new AgentMessage
        {
            MessageId = $"aws.ssm.{commandId}.{instanceId}",
            CommandId = commandId,
            DocumentName = "AWS-RunShellScript",
            Parameters = parameters,
            ExecutionTimeoutSeconds = 3600,
        };
    }

    /// <summary>Waits for an accepted reply matching <paramref name="predicate"/>.</summary>
    public Task<AgentReply> WaitForReplyAsync(Func<AgentReply, bool> predicate, TimeSpan? timeout = null) =>
        WaitForAsync(() => Replies.FirstOrDefault(predicate), "reply", timeout);

    /// <summary>Waits for the final (non-InProgress) reply of a message.</summary>
    public Task<AgentReply> WaitForFinalReplyAsync(string messageId, TimeSpan? timeout = null) =>
        WaitForReplyAsync(r => r.MessageId == messageId && r.DocumentStatus != "InProgress", timeout);

    public async Task<T> WaitForAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var deadline = _watch.Elapsed + (timeout ?? TimeSpan.FromSeconds(30));
        while (_watch.Elapsed < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"no {what} arrived; calls so far:\n{string.Join("\n", Calls.Select(c => $"{c.Order} {c.Operation} {c.Status} {Shorten(c.Body)}"))}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private DateTimeOffset NowLocked() => _baseNow + TimeSpan.FromTicks((long)((_watch.Elapsed - _baseElapsed).Ticks * _speed));

    private AgentClock Clock()
    {
        lock (_lock)
        {
            return new AgentClock { Now = NowLocked(), Speed = _speed };
        }
    }

    private async Task HandleAsync(HttpContext http, string operation)
    {
        var order = Interlocked.Increment(ref _order);
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var instance = http.Request.Headers[AgentProtocol.InstanceHeader].ToString();
        var token = http.Request.Headers[AgentProtocol.TokenHeader].ToString();

        int status;
        if (instance != InstanceId || token != AcceptedToken)
        {
            status = StatusCodes.Status401Unauthorized;
        }
        else
        {
            status = await DispatchAsync(http, operation, body);
        }
        _calls.Enqueue(new RecordedCall(order, operation, instance, token, body, status));
        if (!http.Response.HasStarted)
        {
            http.Response.StatusCode = status;
        }
    }

    private async Task<int> DispatchAsync(HttpContext http, string operation, string body)
    {
        var json = PatchLabJsonContext.Default;
        switch (operation)
        {
            case "register":
                lock (_lock)
                {
                    _registrations.Add(JsonSerializer.Deserialize(body, json.AgentRegisterRequest)!);
                }
                await http.Response.WriteAsJsonAsync(Clock(), json.AgentClock);
                return 200;

            case "poll":
            {
                var request = JsonSerializer.Deserialize(body, json.AgentPollRequest)!;
                var deadline = _watch.Elapsed + TimeSpan.FromSeconds(Math.Min(request.WaitSeconds, 1));
                List<AgentMessage> messages = [];
                while (true)
                {
                    lock (_lock)
                    {
                        foreach (var queued in _queue.Where(q => q.DeliveredAt is null || _watch.Elapsed - q.DeliveredAt > RedeliveryDelay))
                        {
                            queued.DeliveredAt = _watch.Elapsed;
                            messages.Add(queued.Message);
                        }
                    }
                    if (messages.Count > 0 || _watch.Elapsed >= deadline)
                    {
                        break;
                    }
                    try
                    {
                        await Task.Delay(20, http.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return 499;
                    }
                }
                await http.Response.WriteAsJsonAsync(new AgentPollResponse { Messages = messages, Clock = Clock() }, json.AgentPollResponse);
                return 200;
            }

            case "ack":
                lock (_lock)
                {
                    var messageId = JsonSerializer.Deserialize(body, json.AgentAckRequest)!.MessageId;
                    _acks.Add(messageId);
                    _queue.RemoveAll(q => q.Message.MessageId == messageId && q.DeliveredAt is not null);
                }
                return 200;

            case "reply":
                lock (_lock)
                {
                    if (FailRepliesRemaining > 0)
                    {
                        FailRepliesRemaining--;
                        return 500;
                    }
                    _replies.Add(JsonSerializer.Deserialize(body, json.AgentReply)!);
                }
                return 200;

            case "patch-report":
                lock (_lock)
                {
                    _reports.Add(JsonSerializer.Deserialize(body, json.AgentPatchReport)!);
                }
                return 200;

            case "snapshot":
            {
                var request = JsonSerializer.Deserialize(body, json.AgentSnapshotRequest)!;
                lock (_lock)
                {
                    _snapshots.Add(request);
                }
                var response = new AgentSnapshotResponse
                {
                    SnapshotId = request.SnapshotId.Length > 0 ? request.SnapshotId : Guid.NewGuid().ToString(),
                    BaselineId = BaselineId,
                    PatchGroup = "",
                    Decisions = request.Candidates.Select(Decide).ToList(),
                    RejectedPatchesAction = RejectedPatchesAction,
                    Faults = InstallFaults,
                };
                await http.Response.WriteAsJsonAsync(response, json.AgentSnapshotResponse);
                return 200;
            }

            case "object":
            {
                var url = JsonSerializer.Deserialize(body, json.AgentObjectRequest)!.Url;
                var answer = Objects.TryGetValue(url, out var content)
                    ? new AgentObjectResponse { Content = content }
                    : new AgentObjectResponse { Error = "NoSuchKey", Message = "An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist." };
                await http.Response.WriteAsJsonAsync(answer, json.AgentObjectResponse);
                return 200;
            }

            default:
                return 404;
        }
    }

    private sealed class QueuedMessage(AgentMessage message)
    {
        public AgentMessage Message { get; } = message;
        public TimeSpan? DeliveredAt { get; set; }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
