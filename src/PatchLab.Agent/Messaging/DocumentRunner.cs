using PatchLab.Agent.Hosting;
using PatchLab.Agent.Plugins;
using PatchLab.Agent.State;
using PatchLab.Agent.Timing;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Messaging;

/// <summary>
/// Runs one document from current/ step by step, writing the document after every change before acting on it
/// (amazon-ssm-agent docmanager/runpluginutil). Finished steps are never re-run; a step that asked for a reboot re-runs
/// once the instance has booted again; a step caught by a shutdown re-runs at the next start.
/// </summary>
internal sealed class DocumentRunner
{
    private readonly DocumentStore _store;
    private readonly ReplyOutbox _outbox;
    private readonly DocumentPlan _plan;
    private readonly EmulatorClock _clock;
    private readonly AgentLog _log;
    private readonly AgentOptions _options;
    private readonly int _boot;

    public DocumentRunner(DocumentStore store, ReplyOutbox outbox, DocumentPlan plan, EmulatorClock clock, AgentLog log, AgentOptions options,
        int boot)
    {
        _store = store;
        _outbox = outbox;
        _plan = plan;
        _clock = clock;
        _log = log;
        _options = options;
        _boot = boot;
    }

    /// <param name="document">A document in current/.</param>
    /// <param name="shutdown">The agent is stopping: leave the document as it is on disk.</param>
    /// <param name="cancel">A Cancel message for this command arrived.</param>
    public async Task RunAsync(DocumentState document, CancellationToken shutdown, CancellationToken cancel)
    {
        var id = document.Message.MessageId;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(shutdown, cancel);
        try
        {
            if (document.Finalized)
            {
                Complete(document);
                return;
            }
            if (_store.IsCancelRequested(id))
            {
                FinishCancelled(document);
                return;
            }
            if (document.Steps.Count == 0)
            {
                document.Steps = DocumentPlan.StepNames(document.Message.DocumentName).Select(n => new StepState { Name = n }).ToList();
                _log.Info("documents", $"{id}: starting {document.Message.DocumentName} ({string.Join(", ", document.Steps.Select(s => s.Name))})");
            }

            for (var i = 0; i < document.Steps.Count; i++)
            {
                var step = document.Steps[i];
                if (StatusRules.IsFinished(step.Status))
                {
                    continue;
                }

                var afterReboot = false;
                if (step.AwaitingReboot)
                {
                    if (document.RebootRequestedBoot == _boot)
                    {
                        _log.Info("documents", $"{id}: step {step.Name} waits for the instance to reboot");
                        return;
                    }
                    afterReboot = true;
                    _log.Info("documents", $"{id}: resuming step {step.Name} after the reboot");
                }

                step.Status = StepStatus.InProgress;
                step.StartDateTime ??= _clock.Now;
                step.EndDateTime = null;
                // Reported before it runs (with the steps before it): the service shows the running plugin InProgress, as
                // GetCommandInvocation does on AWS, also while a restart or an outage keeps the agent from reporting more.
                EnqueueReply(document, rebootRequested: false);

                var context = new StepContext { Document = document, Step = step, AfterReboot = afterReboot, Save = () => Save(document) };
                var outcome = await _plan.PluginFor(document.Message.DocumentName, step.Name).RunAsync(context, linked.Token).ConfigureAwait(false);

                step.Code = outcome.Code;
                step.Output = StepOutputText.Cap(outcome.Output, StepOutputText.MaxOutput);
                step.Error = StepOutputText.Cap(outcome.Error, StepOutputText.MaxError);
                step.EndDateTime = _clock.Now;
                if (outcome.RebootRequested)
                {
                    // Write first, then tell the emulator, which restarts the instance; the step re-runs after the boot.
                    step.Status = StepStatus.SuccessAndReboot;
                    step.AwaitingReboot = true;
                    document.RebootRequestedBoot = _boot;
                    Save(document);
                    EnqueueReply(document, rebootRequested: true);
                    _log.Info("documents", $"{id}: step {step.Name} requested a reboot (exit {outcome.Code})");
                    return;
                }

                step.Status = outcome.Status;
                step.AwaitingReboot = false;
                Save(document);
                _log.Info("documents", $"{id}: step {step.Name} {StatusRules.ToWire(step.Status)} (exit {step.Code})");
            }

            document.Status = StatusRules.Merge(document.Steps.Select(s => s.Status));
            Finalize(document);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Stopping (SIGTERM, reboot): the document stays in current/ and resumes at the next start.
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            FinishCancelled(document);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or a full disk must not take the agent down: fail the document if it can still be written.
            _log.Error("documents", $"{id}: {ex.GetType().Name}: {ex.Message}");
            try
            {
                foreach (var step in document.Steps.Where(s => s.Status == StepStatus.InProgress))
                {
                    step.Status = StepStatus.Failed;
                    step.Code = 1;
                    step.Error = StepOutputText.Cap($"{step.Error}\nPatchLab agent error: {ex.Message}".TrimStart('\n'), StepOutputText.MaxError);
                    step.EndDateTime = _clock.Now;
                }
                document.Status = DocumentStatus.Failed;
                Finalize(document);
            }
            catch (Exception inner) when (inner is IOException or UnauthorizedAccessException)
            {
                _log.Error("documents", $"{id}: cannot record the failure ({inner.Message}); it stays in current/");
            }
        }
    }

    private void FinishCancelled(DocumentState document)
    {
        foreach (var step in document.Steps.Where(s => !StatusRules.IsFinished(s.Status)))
        {
            if (step.Status is StepStatus.InProgress or StepStatus.SuccessAndReboot)
            {
                step.Code = Plugins.StepOutcome.StoppedPreemptivelyExitCode;
                step.EndDateTime = _clock.Now;
            }
            step.Status = StepStatus.Cancelled;
            step.AwaitingReboot = false;
        }
        document.Status = DocumentStatus.Cancelled;
        _log.Info("documents", $"{document.Message.MessageId}: cancelled");
        Finalize(document);
    }

    /// <summary>Final reply into the outbox, then completed/. A crash in between sends the final reply twice, which the
    /// emulator tolerates; never zero times.</summary>
    private void Finalize(DocumentState document)
    {
        EnqueueReply(document, rebootRequested: false);
        document.Finalized = true;
        Save(document);
        _log.Info("documents", $"{document.Message.MessageId}: {StatusRules.ToWire(document.Status)}");
        Complete(document);
    }

    private void Complete(DocumentState document)
    {
        var id = document.Message.MessageId;
        _store.Move(id, DocumentFolder.Current, DocumentFolder.Completed);
        _store.ClearCancel(id);
        _store.PruneCompleted(_options.CompletedDocumentsKept);
    }

    private void Save(DocumentState document) => _store.Save(DocumentFolder.Current, document);

    /// <summary>The sequence number is saved with the document before the reply is stored, so it is never reused.</summary>
    private void EnqueueReply(DocumentState document, bool rebootRequested)
    {
        document.Sequence++;
        Save(document);
        var reply = new AgentReply
        {
            MessageId = document.Message.MessageId,
            CommandId = document.Message.CommandId,
            DocumentStatus = StatusRules.ToWire(document.Status),
            RebootRequested = rebootRequested,
            Sequence = document.Sequence,
            Steps = document.Steps.Select(s => new AgentStepResult
            {
                Name = s.Name,
                Status = StatusRules.ToWire(s.Status),
                Code = s.Code,
                StandardOutput = s.Output,
                StandardError = s.Error,
                StartDateTime = s.StartDateTime,
                EndDateTime = s.EndDateTime,
            }).ToList(),
        };
        _outbox.Enqueue(new OutboxItem { Kind = OutboxItem.ReplyKind, Reply = reply });
    }
}
