using PatchLab.Agent.Hosting;
using PatchLab.Agent.State;
using PatchLab.Agent.Timing;
using PatchLab.Agent.Transport;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Messaging;

/// <summary>
/// Handles delivered messages: a Run message is written to pending/, acknowledged, moved to current/ and started; a
/// Cancel message stops its command. Delivery is at least once, so a message already in current/ or completed/ is
/// acknowledged again and not re-run.
/// </summary>
internal sealed class MessageProcessor
{
    private readonly DocumentStore _store;
    private readonly DocumentScheduler _scheduler;
    private readonly EmulatorClient _client;
    private readonly EmulatorClock _clock;
    private readonly AgentLog _log;

    public MessageProcessor(DocumentStore store, DocumentScheduler scheduler, EmulatorClient client, EmulatorClock clock, AgentLog log)
    {
        _store = store;
        _scheduler = scheduler;
        _client = client;
        _clock = clock;
        _log = log;
    }

    public async Task HandleAsync(AgentMessage message, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(message.MessageId))
        {
            _log.Warn("messages", $"ignoring a message without MessageId (command '{message.CommandId}')");
            return;
        }
        switch (message.Kind)
        {
            case "Cancel":
                await CancelAsync(message, ct).ConfigureAwait(false);
                break;
            case "Run" or "":
                await RunAsync(message, ct).ConfigureAwait(false);
                break;
            default:
                _log.Warn("messages", $"{message.MessageId}: unknown message kind '{message.Kind}', ignored");
                break;
        }
    }

    /// <summary>At start: documents left in pending/ were never acknowledged; acknowledge and run them now.</summary>
    public async Task ResumePendingAsync(CancellationToken ct)
    {
        foreach (var document in _store.LoadAll(DocumentFolder.Pending))
        {
            await AcceptAsync(document, ct).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(AgentMessage message, CancellationToken ct)
    {
        var id = message.MessageId;
        var folder = _store.Find(id);
        if (folder is DocumentFolder.Current or DocumentFolder.Completed)
        {
            _log.Info("messages", $"{id}: already {(folder == DocumentFolder.Current ? "running" : "done")}; acknowledging again, not re-running");
            await TryAckAsync(id, ct).ConfigureAwait(false);
            return;
        }

        var document = folder == DocumentFolder.Pending ? _store.Load(DocumentFolder.Pending, id) : null;
        if (document is null)
        {
            document = new DocumentState { Message = message, ReceivedAt = _clock.Now };
            _store.Save(DocumentFolder.Pending, document);
        }
        _log.Info("messages", $"{id}: received {message.DocumentName} for command {message.CommandId}");
        await AcceptAsync(document, ct).ConfigureAwait(false);
    }

    private async Task AcceptAsync(DocumentState document, CancellationToken ct)
    {
        var id = document.Message.MessageId;
        if (!await TryAckAsync(id, ct).ConfigureAwait(false))
        {
            // Not acknowledged: the emulator delivers it again, or the next start retries from pending/.
            return;
        }
        _store.Move(id, DocumentFolder.Pending, DocumentFolder.Current);
        _scheduler.Start(document);
    }

    private async Task CancelAsync(AgentMessage message, CancellationToken ct)
    {
        await TryAckAsync(message.MessageId, ct).ConfigureAwait(false);
        var target = _store.LoadAll(DocumentFolder.Current)
            .FirstOrDefault(d => string.Equals(d.Message.CommandId, message.CommandId, StringComparison.Ordinal));
        if (target is null)
        {
            _log.Info("messages", $"cancel {message.CommandId}: no running document for it");
            return;
        }
        var id = target.Message.MessageId;
        _log.Info("messages", $"cancel {message.CommandId}: stopping {id}");
        // Marker first: if the agent stops now, the next start still cancels instead of resuming.
        _store.RequestCancel(id);
        if (!_scheduler.TryCancel(id))
        {
            // Not running (waiting for a reboot): the runner records the cancellation.
            _scheduler.Start(target);
        }
    }

    private async Task<bool> TryAckAsync(string messageId, CancellationToken ct)
    {
        try
        {
            await _client.AckAsync(messageId, ct).ConfigureAwait(false);
            return true;
        }
        catch (EmulatorRequestException ex)
        {
            _log.Warn("messages", $"{messageId}: acknowledge failed ({ex.Message})");
            return false;
        }
    }
}
