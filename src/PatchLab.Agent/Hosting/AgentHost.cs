using System.Diagnostics;
using System.Net;
using PatchLab.Agent.Messaging;
using PatchLab.Agent.Patching;
using PatchLab.Agent.Plugins;
using PatchLab.Agent.State;
using PatchLab.Agent.Timing;
using PatchLab.Agent.Transport;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Hosting;

/// <summary>
/// The PatchLab agent: registers with the emulator, long-polls for documents and runs them, storing everything on the
/// instance's disk first so a kill, a reboot or an emulator outage loses nothing. One <see cref="RunAsync"/> is one
/// start of the agent: a boot of the instance, or a restart of the agent within the same boot (same
/// <see cref="AgentOptions.BootId"/>); cancelling it is a shutdown (documents in progress resume at the next start).
/// </summary>
public sealed class AgentHost
{
    /// <summary>Agent version reported at registration.</summary>
    public const string AgentVersion = "3.3.40.0";

    // An empty poll answered faster than this is treated as an emulator that does not hold polls: wait the rest.
    private static readonly TimeSpan MinEmptyPollInterval = TimeSpan.FromMilliseconds(500);

    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly EmulatorClock _clock;
    private readonly AgentLog _log;
    private int _started;

    /// <summary>Creates the agent.</summary>
    /// <param name="options">Instance identity, endpoint and paths.</param>
    /// <param name="time">Real time, for sleeps and elapsed time only (simulated time comes from the emulator).</param>
    /// <param name="log">Where one-line log records go (stderr in production).</param>
    public AgentHost(AgentOptions options, TimeProvider time, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(log);
        _options = options;
        _time = time;
        _clock = new EmulatorClock(time);
        _log = new AgentLog(log, _clock);
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled (SIGTERM, or a test rebooting the instance). Callable once.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("An AgentHost runs once; create a new one for the next boot.");
        }

        Directory.CreateDirectory(_options.StatePath);
        var store = new DocumentStore(_options.StatePath, _log);
        store.EnsureLayout();
        var (boot, isBoot) = BootCounter.Start(_options.StatePath, _options.BootId);
        var packages = new PackageDatabaseStore(_options.StatePath);
        var catalogLoader = new CatalogLoader(_options.CatalogPath);
        var catalog = PrepareInstance(boot, isBoot, packages, catalogLoader);

        using var client = new EmulatorClient(_options);
        var outbox = new ReplyOutbox(_options.StatePath, client, _log, _options, _time);
        outbox.Initialize();
        using var patchLock = new SemaphoreSlim(1, 1);
        var patchLinux = new PatchLinuxPlugin(_options, client, _clock, catalogLoader, packages, outbox, patchLock, _log, _time);
        var plan = new DocumentPlan(patchLinux, new RunShellScriptPlugin(_options, _time), catalog?.IsWindows ?? false);
        var runner = new DocumentRunner(store, outbox, plan, _clock, _log, _options, boot);
        // Documents stop with the host, also when the host stops on an unexpected error.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var scheduler = new DocumentScheduler(runner, _log, _options.CommandWorkersLimit, stop.Token);
        var processor = new MessageProcessor(store, scheduler, client, _clock, _log);

        var outboxTask = Task.CompletedTask;
        try
        {
            // An agent restarted within the same boot (a crash) registers as not booted: the emulator's reboot flow is not involved.
            await RegisterAsync(client, catalog, boot: isBoot, ct).ConfigureAwait(false);
            CreatePackageDatabase(packages, catalog);
            outboxTask = outbox.RunAsync(stop.Token);

            foreach (var document in store.LoadAll(DocumentFolder.Current))
            {
                _log.Info("documents", $"{document.Message.MessageId}: resuming {document.Message.DocumentName} from current/");
                scheduler.Start(document);
            }
            await processor.ResumePendingAsync(ct).ConfigureAwait(false);
            await PollLoopAsync(client, processor, catalog, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await scheduler.WhenAllStoppedAsync().ConfigureAwait(false);
            await outboxTask.ConfigureAwait(false);
            _log.Info("agent", $"stopped (boot {boot}); {outbox.PendingCount} outgoing message(s) kept for the next start");
        }
    }

    /// <summary>A boot: pending installs take effect (not on an agent restart within the same boot); the catalog is read
    /// (the database is created after registration).</summary>
    private PackageCatalog? PrepareInstance(int boot, bool isBoot, PackageDatabaseStore packages, CatalogLoader catalogLoader)
    {
        _log.Info("agent", $"PatchLab agent {AgentVersion} starting: instance {_options.InstanceId}, boot {boot}"
            + (isBoot ? "" : " (agent restart, not a boot)") + $", state {_options.StatePath}");
        try
        {
            var cleared = isBoot ? packages.ClearPendingReboot() : 0;
            if (cleared > 0)
            {
                _log.Info("patch", $"{cleared} package(s) installed before this boot are now in effect");
            }
            return catalogLoader.Load();
        }
        catch (Exception ex) when (ex is CatalogException or IOException or UnauthorizedAccessException)
        {
            // The agent still registers and runs shell scripts; patching fails with this message.
            _log.Error("patch", ex.Message);
            return null;
        }
    }

    /// <summary>On the first boot, after registration (the emulator clock is known then): the package database as it
    /// was <see cref="AgentOptions.AgeDays"/> days before the emulator's now.</summary>
    private void CreatePackageDatabase(PackageDatabaseStore packages, PackageCatalog? catalog)
    {
        if (catalog is null || packages.Exists)
        {
            return;
        }
        try
        {
            var database = packages.LoadOrCreate(catalog, _options.Os, _options.AgeDays, _clock.Now);
            _log.Info("patch", $"package database created from {_options.CatalogPath}: {database.Packages.Count} packages, age {_options.AgeDays} days (advisories before {database.Cutoff:yyyy-MM-dd} applied)");
        }
        catch (Exception ex) when (ex is CatalogException or IOException or UnauthorizedAccessException)
        {
            _log.Error("patch", ex.Message);
        }
    }

    private async Task RegisterAsync(EmulatorClient client, PackageCatalog? catalog, bool boot, CancellationToken ct)
    {
        var request = new AgentRegisterRequest
        {
            InstanceId = _options.InstanceId,
            AgentVersion = AgentVersion,
            PlatformType = catalog?.PlatformType is { Length: > 0 } type ? type : "Linux",
            PlatformName = catalog?.PlatformName is { Length: > 0 } name ? name : "Amazon Linux",
            PlatformVersion = catalog?.PlatformVersion is { Length: > 0 } version ? version : "2",
            ComputerName = _options.ComputerName,
            Boot = boot,
        };
        var backoff = new Backoff(_options.MaxBackoff);
        while (true)
        {
            try
            {
                var clock = await client.RegisterAsync(request, ct).ConfigureAwait(false);
                _clock.Update(clock);
                _log.Info("agent", $"registered with {_options.Endpoint} (boot={boot}); emulator clock x{clock.Speed:0.###}");
                return;
            }
            catch (EmulatorRequestException ex)
            {
                var delay = ex.IsUnauthorized ? _options.UnauthorizedRetryDelay : backoff.Next();
                Report("register", ex, delay);
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task PollLoopAsync(EmulatorClient client, MessageProcessor processor, PackageCatalog? catalog, CancellationToken ct)
    {
        var backoff = new Backoff(_options.MaxBackoff);
        while (!ct.IsCancellationRequested)
        {
            var started = _time.GetTimestamp();
            AgentPollResponse response;
            try
            {
                response = await client.PollAsync(_options.PollWaitSeconds, ct).ConfigureAwait(false);
                backoff.Reset();
            }
            catch (EmulatorRequestException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                // The emulator no longer knows this instance (restarted without its state): introduce ourselves again.
                _log.Warn("poll", $"{ex.Message}; registering again");
                await Task.Delay(backoff.Next(), _time, ct).ConfigureAwait(false);
                await RegisterAsync(client, catalog, boot: false, ct).ConfigureAwait(false);
                continue;
            }
            catch (EmulatorRequestException ex)
            {
                var delay = ex.IsUnauthorized ? _options.UnauthorizedRetryDelay : backoff.Next();
                Report("poll", ex, delay);
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
                continue;
            }

            if (response.Clock.Now != default)
            {
                _clock.Update(response.Clock);
            }
            foreach (var message in response.Messages)
            {
                try
                {
                    await processor.HandleAsync(message, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A message the agent cannot handle (or a disk error) is logged; the next one still runs.
                    _log.Error("messages", $"{message.MessageId}: {ex.GetType().Name}: {ex.Message}");
                }
            }

            var elapsed = _time.GetElapsedTime(started);
            if (response.Messages.Count == 0 && elapsed < MinEmptyPollInterval)
            {
                await Task.Delay(MinEmptyPollInterval - elapsed, _time, ct).ConfigureAwait(false);
            }
        }
    }

    private void Report(string what, EmulatorRequestException ex, TimeSpan delay)
    {
        var hint = ex.IsUnauthorized ? " (token refused: check PATCHLAB_TOKEN)" : "";
        _log.Warn(what, $"{ex.Message}{hint}; retrying in {delay.TotalSeconds:0.#} s");
    }
}
