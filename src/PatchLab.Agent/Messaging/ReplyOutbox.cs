using System.Globalization;
using System.Text.Json;
using PatchLab.Agent.Hosting;
using PatchLab.Agent.State;
using PatchLab.Agent.Transport;

namespace PatchLab.Agent.Messaging;

/// <summary>
/// $STATE/replies/: every reply and patch report is stored before it is sent and removed once the emulator accepted it,
/// so nothing is lost to a network error or a restart (amazon-ssm-agent sendreply: failed replies are persisted and
/// retried). Items go out strictly in order; a duplicate after a crash is harmless because the emulator ignores a
/// reply whose Sequence it already has.
/// </summary>
internal sealed class ReplyOutbox
{
    private readonly string _directory;
    private readonly EmulatorClient _client;
    private readonly AgentLog _log;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _signal = new(0);
    private long _counter;

    public ReplyOutbox(string statePath, EmulatorClient client, AgentLog log, AgentOptions options, TimeProvider time)
    {
        _directory = Path.Combine(statePath, "replies");
        _client = client;
        _log = log;
        _options = options;
        _time = time;
    }

    public void Initialize()
    {
        Directory.CreateDirectory(_directory);
        foreach (var temp in Directory.EnumerateFiles(_directory, "*" + AtomicFile.TempSuffix))
        {
            AtomicFile.TryDelete(temp);
        }
        _counter = PendingFiles().Select(SequenceOf).DefaultIfEmpty(0).Max();
    }

    /// <summary>Items not yet accepted by the emulator.</summary>
    public int PendingCount => PendingFiles().Count;

    /// <summary>Stores the item; the sender loop delivers it.</summary>
    public void Enqueue(OutboxItem item)
    {
        var number = Interlocked.Increment(ref _counter);
        var path = Path.Combine(_directory, $"{number.ToString("D12", CultureInfo.InvariantCulture)}-{item.Kind}.json");
        AtomicFile.WriteJson(path, item, AgentStateJsonContext.Default.OutboxItem);
        _signal.Release();
    }

    /// <summary>Delivers stored items in order until <paramref name="ct"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await DeliverAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutdown: what is left stays on disk for the next start.
        }
    }

    private async Task DeliverAsync(CancellationToken ct)
    {
        var backoff = new Backoff(_options.MaxBackoff);
        while (!ct.IsCancellationRequested)
        {
            var files = PendingFiles();
            if (files.Count == 0)
            {
                // The timeout is a safety net; Enqueue signals.
                _ = await _signal.WaitAsync(TimeSpan.FromSeconds(5), ct).ConfigureAwait(false);
                continue;
            }

            foreach (var file in files)
            {
                var item = Read(file);
                if (item is null)
                {
                    continue;
                }
                try
                {
                    await SendAsync(item, ct).ConfigureAwait(false);
                    AtomicFile.TryDelete(file);
                    backoff.Reset();
                }
                catch (EmulatorRequestException ex) when (ex.IsRetryable)
                {
                    var delay = ex.IsUnauthorized ? _options.UnauthorizedRetryDelay : backoff.Next();
                    _log.Warn("outbox", $"{item.Describe()} not delivered ({ex.Message}); retrying in {delay.TotalSeconds:0.#} s");
                    await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                    break;
                }
                catch (EmulatorRequestException ex)
                {
                    // A 4xx other than 401/403/408/429 will not change on retry: keep the queue moving.
                    _log.Error("outbox", $"{item.Describe()} refused ({ex.Message}); dropped");
                    AtomicFile.TryDelete(file);
                }
            }
        }
    }

    private Task SendAsync(OutboxItem item, CancellationToken ct) => item switch
    {
        { Kind: OutboxItem.ReplyKind, Reply: { } reply } => _client.ReplyAsync(reply, ct),
        { Kind: OutboxItem.PatchReportKind, PatchReport: { } report } => _client.PatchReportAsync(report, ct),
        _ => Task.CompletedTask,
    };

    private OutboxItem? Read(string file)
    {
        try
        {
            return AtomicFile.ReadJson(file, AgentStateJsonContext.Default.OutboxItem);
        }
        catch (JsonException ex)
        {
            var corrupt = Path.Combine(_directory, "corrupt");
            Directory.CreateDirectory(corrupt);
            _log.Error("outbox", $"{file} is unreadable ({ex.Message}); moved to {corrupt}");
            File.Move(file, Path.Combine(corrupt, Path.GetFileName(file)), overwrite: true);
            return null;
        }
    }

    private List<string> PendingFiles() =>
        Directory.EnumerateFiles(_directory, "*.json").Where(f => !f.EndsWith(AtomicFile.TempSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

    private static long SequenceOf(string file)
    {
        var name = Path.GetFileName(file);
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(name.AsSpan(0, dash), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }
}
