using System.Globalization;
using PatchLab.Agent.Hosting;
using PatchLab.Agent.Messaging;
using PatchLab.Agent.Patching;
using PatchLab.Agent.State;
using PatchLab.Agent.Timing;
using PatchLab.Agent.Transport;
using PatchLab.Contracts.Agent;

namespace PatchLab.Agent.Plugins;

/// <summary>
/// The PatchLinux step of AWS-RunPatchBaseline (reference 4.2), and the PatchWindows step on a simulated Windows
/// instance (Windows catalog, reboot exit code 3010): ask the emulator for the baseline's
/// verdict on the updates the repository offers (GetDeployablePatchSnapshotForInstance), install the approved ones
/// (Install), reboot when needed, and report per-patch compliance before the final reply.
/// </summary>
/// <remarks>
/// BaselineOverride is sent to the emulator, which resolves it (PatchLab takes the baseline JSON itself, since it serves
/// no S3); as the user guide says, an override's results go to the output only and do not replace the node's patch
/// compliance [U: reading of "doesn't overwrite the patch compliance"]. BaselineOverride with InstallOverrideList fails
/// the step, as AWS documents.
/// InstallOverrideList (Install only; Scan ignores it): the YAML list is downloaded through the agent's own channel from
/// the emulator's object store, PatchLab's stand-in for S3 ([U]: s3://BUCKET/KEY or an https URL of S3 form, put with
/// <c>patchlab s3 put</c>; any other https URL fails the step since the lab has no internet). It replaces the baseline's
/// selection: on Linux exactly the listed patches the repository offers are installed, approved or not (with the
/// packages their advisory needs, unless the list pins those to another version: that patch fails); on Windows a listed
/// KB is installed only when the baseline approves it. Compliance is still judged by the baseline (an unapproved listed
/// patch reports InstalledOther, a failed one Failed), and the report carries the list's URL. [U] A missing object,
/// invalid YAML or an entry without id fails the step (exit 1) with a message naming the valid form; an entry that
/// matches no available update is a warning in the output, not a failure.
/// Deviations from AWS: the step's 7200 s execution timeout is not enforced; after the reboot the step only re-scans
/// (AWS re-runs the payload, which finds nothing left to install).
/// </remarks>
internal sealed class PatchLinuxPlugin : IStepPlugin
{
    public const string StepName = "PatchLinux";
    private const int SnapshotAttempts = 5;
    private const string RebootIfNeeded = "RebootIfNeeded";
    private const string NoReboot = "NoReboot";

    private readonly AgentOptions _options;
    private readonly EmulatorClient _client;
    private readonly EmulatorClock _clock;
    private readonly CatalogLoader _catalog;
    private readonly PackageDatabaseStore _packages;
    private readonly ReplyOutbox _outbox;
    private readonly SemaphoreSlim _patchLock;
    private readonly AgentLog _log;
    private readonly TimeProvider _time;

    public PatchLinuxPlugin(AgentOptions options, EmulatorClient client, EmulatorClock clock, CatalogLoader catalog, PackageDatabaseStore packages,
        ReplyOutbox outbox, SemaphoreSlim patchLock, AgentLog log, TimeProvider time)
    {
        _options = options;
        _client = client;
        _clock = clock;
        _catalog = catalog;
        _packages = packages;
        _outbox = outbox;
        _patchLock = patchLock;
        _log = log;
        _time = time;
    }

    public async Task<StepOutcome> RunAsync(StepContext context, CancellationToken ct)
    {
        var parameters = context.Document.Message.Parameters;
        var operation = First(parameters, "Operation") ?? "";
        if (operation is not ("Scan" or "Install"))
        {
            return StepOutcome.Failed(1, "", $"Invalid value '{operation}' for parameter Operation: allowed values are Scan and Install.");
        }
        var rebootOption = First(parameters, "RebootOption") is { Length: > 0 } reboot ? reboot : RebootIfNeeded;
        if (rebootOption is not (RebootIfNeeded or NoReboot))
        {
            return StepOutcome.Failed(1, "", $"Invalid value '{rebootOption}' for parameter RebootOption: allowed values are RebootIfNeeded and NoReboot.");
        }

        // One patch operation at a time on an instance (yum holds its lock); other documents keep running.
        await _patchLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await RunLockedAsync(context, operation, rebootOption, ct).ConfigureAwait(false);
        }
        finally
        {
            _patchLock.Release();
        }
    }

    private async Task<StepOutcome> RunLockedAsync(StepContext context, string operation, string rebootOption, CancellationToken ct)
    {
        var message = context.Document.Message;
        var parameters = message.Parameters;
        var overrideList = First(parameters, "InstallOverrideList") ?? "";
        var baselineOverride = First(parameters, "BaselineOverride") ?? "";
        var install = operation == "Install";
        var progress = context.Document.Patch ??= new PatchProgress();
        // After a reboot the same snapshot is used again (one the emulator generated, when none was given).
        var requestedSnapshot = progress.SnapshotId.Length > 0 ? progress.SnapshotId : First(parameters, "SnapshotId") ?? "";
        if (progress.OperationStartTime is null)
        {
            progress.OperationStartTime = _clock.Now;
            context.Save();
        }

        var output = new PatchOutput(_clock);
        var windows = IsWindows();
        if (windows)
        {
            output.Info("Executing PatchBaselineOperations (simulated Windows Update Agent)");
        }
        else
        {
            output.Raw("/usr/bin/python3");
            output.Raw(PackageManager());
            output.Info("Attempting to import entrance file os_selector");
        }
        output.Info($"Running with snapshot id = {(requestedSnapshot.Length > 0 ? requestedSnapshot : "(new)")} and operation = {operation}");
        if (context.AfterReboot)
        {
            output.Info("Resuming the operation after the reboot requested by the previous run.");
        }
        output.Info($"Instance Id: {_options.InstanceId}");
        output.Info("Region: us-east-1");
        if (baselineOverride.Length > 0 && overrideList.Length > 0)
        {
            const string both = "BaselineOverride and InstallOverrideList cannot be used together: nothing was scanned or installed.";
            output.Error(both);
            return StepOutcome.Failed(1, output.ToString(), both);
        }

        PackageCatalog catalog;
        PackageDatabase database;
        try
        {
            catalog = _catalog.Load();
            database = _packages.LoadOrCreate(catalog, _options.Os, _options.AgeDays, _clock.Now);
        }
        catch (CatalogException ex)
        {
            output.Error(ex.Message);
            return StepOutcome.Failed(1, output.ToString(), ex.Message);
        }
        output.Info($"Product: {catalog.Product}");

        // Install + InstallOverrideList: the list replaces the baseline's selection (reference 5.2 step 0). It is read
        // again after the reboot, as AWS's payload is re-run, so a patch that failed keeps its Failed state.
        OverrideList? list = null;
        if (install && overrideList.Length > 0)
        {
            output.Info($"Downloading the InstallOverrideList from {overrideList}");
            try
            {
                list = await LoadOverrideListAsync(overrideList, ct).ConfigureAwait(false);
            }
            catch (OverrideListException ex)
            {
                output.Error(ex.Message);
                return StepOutcome.Failed(1, output.ToString(), ex.Message);
            }
            output.Info($"InstallOverrideList: {list.Entries.Count} entr{(list.Entries.Count == 1 ? "y" : "ies")}; installing the listed patches instead of the baseline's selection.");
        }

        var candidates = PatchPlanner.BuildCandidates(database, catalog);
        AgentSnapshotResponse snapshot;
        try
        {
            snapshot = await RequestSnapshotAsync(requestedSnapshot, baselineOverride, candidates, ct).ConfigureAwait(false);
        }
        catch (EmulatorRequestException ex)
        {
            var error = $"Could not get the patch snapshot for this instance: {ex.Message}";
            output.Error(error);
            return StepOutcome.Failed(1, output.ToString(), error);
        }
        if (snapshot.Decisions.Count != candidates.Count)
        {
            var error = $"The patch snapshot answered {snapshot.Decisions.Count} decisions for {candidates.Count} candidates.";
            output.Error(error);
            return StepOutcome.Failed(1, output.ToString(), error);
        }
        var decisions = new Dictionary<string, PatchDecision>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            decisions.TryAdd(candidates[i].DecisionKey, snapshot.Decisions[i]);
        }

        progress.SnapshotId = snapshot.SnapshotId.Length > 0 ? snapshot.SnapshotId : requestedSnapshot;
        progress.BaselineId = snapshot.BaselineId;
        progress.PatchGroup = snapshot.PatchGroup;
        context.Save();

        output.Info($"Patch Group: {progress.PatchGroup}");
        output.Info($"Operation type: {operation}");
        output.Info($"Snapshot Id: {progress.SnapshotId}");
        output.Info($"Patch Baseline: {progress.BaselineId}");
        output.Info($"Reboot Option: {rebootOption}");
        if (baselineOverride.Length > 0)
        {
            output.Info("Using the BaselineOverride parameter instead of the patch baseline of this instance.");
        }
        var offered = candidates.Where(c => c.Package.Version != c.Installed.Version || c.Package.Epoch != c.Installed.Epoch).ToList();
        var approvedCount = offered.Count(c => decisions.TryGetValue(c.DecisionKey, out var d) && d.Approved && !d.Rejected);
        output.Info($"Repository offers {offered.Count} update(s) for {database.Packages.Count} installed package(s); the baseline approves {approvedCount}.");
        output.Info($"Rejected patches action: {snapshot.RejectedPatchesAction}");
        var dependencies = PatchPlanner.Dependencies(candidates, snapshot.Decisions);

        IReadOnlyCollection<string> failed = install ? progress.Failed : [];
        var action = snapshot.RejectedPatchesAction;
        var assessments = PatchPlanner.Assess(database, catalog, decisions, failed, action);

        var targets = list is null ? [] : OverridePlanner.Select(database, catalog, list, assessments);
        if (install && !context.AfterReboot)
        {
            if (list is not null)
            {
                await InstallOverrideAsync(context, database, list, targets, output, snapshot.Faults, ct).ConfigureAwait(false);
            }
            else
            {
                await InstallAsync(context, database, assessments, dependencies, output, snapshot.Faults, ct).ConfigureAwait(false);
            }
            assessments = WithOverrideFailures(PatchPlanner.Assess(database, catalog, decisions, progress.Failed, action), targets, progress.Failed);

            if (rebootOption == RebootIfNeeded && (progress.Installed.Count > 0 || assessments.Any(a => a.State == PatchState.InstalledPendingReboot)))
            {
                // Patch Manager reboots when anything was installed or is pending a reboot, without checking further.
                output.Info("Reboot option is RebootIfNeeded and patches were installed: rebooting the instance to complete the operation.");
                progress.OutputBeforeReboot = output.ToString();
                context.Save();
                return StepOutcome.Reboot(StepOutputText.Cap(progress.OutputBeforeReboot, StepOutputText.MaxOutput), "",
                    catalog.IsWindows ? AgentProtocol.RebootExitCodeWindows : AgentProtocol.RebootExitCodeLinux);
            }
            if (rebootOption == NoReboot)
            {
                database.LastNoRebootInstallOperationTime = _clock.Now;
                _packages.Save(database);
                output.Info("Reboot option is NoReboot: patches that need a reboot stay InstalledPendingReboot until the instance boots.");
            }
        }
        else if (install)
        {
            output.Info("Scanning the installed packages after the reboot.");
            assessments = WithOverrideFailures(assessments, targets, progress.Failed);
        }
        else
        {
            if (overrideList.Length > 0)
            {
                output.Info("InstallOverrideList is ignored by the Scan operation.");
            }
            foreach (var missing in assessments.Where(a => a.State == PatchState.Missing))
            {
                output.Info($"Missing: {missing.Title} ({missing.TargetUpdate?.AdvisoryId} {Describe(missing)})"
                    + (missing.BlockedBy.Length > 0 ? $"; cannot be installed: it requires {missing.BlockedBy}, which the baseline rejects (BLOCK)" : ""));
            }
        }

        var end = _clock.Now;
        var report = new AgentPatchReport
        {
            CommandId = message.CommandId,
            Operation = operation,
            SnapshotId = progress.SnapshotId,
            BaselineId = progress.BaselineId,
            PatchGroup = progress.PatchGroup,
            RebootOption = rebootOption,
            OperationStartTime = progress.OperationStartTime ?? end,
            OperationEndTime = end,
            LastNoRebootInstallOperationTime = database.LastNoRebootInstallOperationTime,
            Patches = assessments.Select(a => a.ToRecord()).ToList(),
            InstallOverrideList = overrideList,
        };
        if (baselineOverride.Length > 0)
        {
            // The user guide: an override's results are recorded in the output, non-compliant packages only, and the
            // node's patch compliance is left as it was.
            foreach (var a in assessments.Where(a => a.State is PatchState.Missing or PatchState.Failed or PatchState.InstalledRejected or PatchState.InstalledPendingReboot))
            {
                output.Info($"NON_COMPLIANT {StateWire(a.State)}: {a.Title}");
            }
            output.Info("BaselineOverride was used: the patch compliance of this instance is not updated.");
        }
        else
        {
            output.Info("Uploading the patch compliance report (AWS:PatchSummary, AWS:ComplianceItem).");
            _outbox.Enqueue(new OutboxItem { Kind = OutboxItem.PatchReportKind, PatchReport = report });
        }

        WriteSummary(output, report, assessments);
        var text = StepOutputText.Cap(progress.OutputBeforeReboot + output, StepOutputText.MaxOutput);
        var failedCount = assessments.Count(a => a.State == PatchState.Failed);
        return failedCount == 0
            ? StepOutcome.Success(text)
            : StepOutcome.Failed(1, text, $"{failedCount} package(s) failed to install: "
                + string.Join(", ", assessments.Where(a => a.State == PatchState.Failed).Select(a => a.Title)));
    }

    private async Task InstallAsync(StepContext context, PackageDatabase database, List<PatchAssessment> assessments,
        Dictionary<string, List<CandidateEntry>> dependencies, PatchOutput output, AgentInstallFaults? injected, CancellationToken ct)
    {
        var progress = context.Document.Patch!;
        var toInstall = assessments.Where(a => a.State is PatchState.Missing or PatchState.Failed && a.Target is not null).ToList();
        if (toInstall.Count == 0)
        {
            output.Info("No approved updates are missing: nothing to install.");
            return;
        }
        output.Info($"Installing {toInstall.Count} package(s) approved by the baseline:");
        foreach (var item in toInstall)
        {
            output.Info($"  {item.Title} ({item.TargetUpdate!.AdvisoryId} {Describe(item)})");
        }

        var faults = InstallFaults.Read(_options.StatePath, injected, _log);
        foreach (var item in toInstall)
        {
            ct.ThrowIfCancellationRequested();
            var package = item.Package;
            if ((item.BlockedBy.Length > 0 ? "" : faults.FailureFor(package.Name, package.Key, item.TargetUpdate?.AdvisoryId)) is { } fault)
            {
                output.Error(item.BlockedBy.Length > 0
                    ? $"Failed to install {item.Title}: it requires {item.BlockedBy}, which the patch baseline rejects (RejectedPatchesAction BLOCK)"
                    : $"Failed to install {item.Title}: {fault}");
                if (!progress.Failed.Contains(package.Key))
                {
                    progress.Failed.Add(package.Key);
                }
                context.Save();
                continue;
            }

            // Packages the baseline does not approve (or rejects under ALLOW_AS_DEPENDENCY) go in with what needs them.
            foreach (var dep in dependencies.GetValueOrDefault(package.Name) ?? [])
            {
                if (_catalog.Load().CompareVersions(dep.Package.Epoch, dep.Package.Version, dep.Installed.Epoch, dep.Installed.Version) > 0)
                {
                    var depTitle = PatchPlanner.Title(dep.Installed.Name, dep.Installed.Arch, dep.Package.Epoch, dep.Package.Version);
                    output.Info($"Installing {depTitle} as a dependency of {package.Name}");
                    await InstallPackageAsync(context, database, dep.Installed, dep.Update, dep.Package, depTitle, ct).ConfigureAwait(false);
                }
            }
            output.Info($"Installing {item.Title} ({item.Target!.SizeKb} KB)");
            await InstallPackageAsync(context, database, package, item.TargetUpdate!, item.Target!, item.Title, ct).ConfigureAwait(false);
            progress.Failed.Remove(package.Key);
            context.Save();
            output.Info($"Installed {item.Title}{(item.TargetUpdate!.RebootRequired ? " (takes effect after a reboot)" : "")}");
        }
    }

    /// <summary>
    /// Installs exactly what the InstallOverrideList selects (<see cref="OverridePlanner"/>), skipping the baseline's
    /// approvals; entries that select nothing are reported as warnings.
    /// </summary>
    private async Task InstallOverrideAsync(StepContext context, PackageDatabase database, OverrideList list, List<OverrideTarget> targets,
        PatchOutput output, AgentInstallFaults? injected, CancellationToken ct)
    {
        var progress = context.Document.Patch!;
        foreach (var entry in OverridePlanner.Unmatched(list, targets))
        {
            output.Warn($"InstallOverrideList entry id '{entry.Id}'{(entry.Title.Length > 0 ? $" title '{entry.Title}'" : "")} matches no update "
                + (IsWindows() ? "that the patch baseline approves for this instance" : "available for this instance") + ": nothing installed for it.");
        }
        if (targets.Count == 0)
        {
            output.Info("No patch of the InstallOverrideList is missing: nothing to install.");
            return;
        }
        output.Info($"Installing {targets.Count} package(s) from the InstallOverrideList:");
        foreach (var t in targets)
        {
            output.Info($"  {t.Title} ({t.Update.AdvisoryId}, listed as id '{t.Entry.Id}'{(t.Entry.Title.Length > 0 ? $" title '{t.Entry.Title}'" : "")})");
        }

        var faults = InstallFaults.Read(_options.StatePath, injected, _log);
        foreach (var t in targets)
        {
            ct.ThrowIfCancellationRequested();
            var package = t.Installed;
            if (package.Epoch == t.Package.Epoch && package.Version == t.Package.Version)
            {
                continue; // installed meanwhile as another listed patch's dependency
            }
            var error = t.Conflict.Length > 0
                ? $"it requires {t.Conflict}, but the InstallOverrideList lists that package at another version"
                : faults.FailureFor(package.Name, package.Key, t.Update.AdvisoryId);
            if (error is not null)
            {
                output.Error($"Failed to install {t.Title}: {error}");
                if (!progress.Failed.Contains(package.Key))
                {
                    progress.Failed.Add(package.Key);
                }
                context.Save();
                continue;
            }
            foreach (var (installed, needed, title) in t.Dependencies)
            {
                if (_catalog.Load().CompareVersions(needed.Epoch, needed.Version, installed.Epoch, installed.Version) > 0)
                {
                    output.Info($"Installing {title} as a dependency of {package.Name}");
                    await InstallPackageAsync(context, database, installed, t.Update, needed, title, ct).ConfigureAwait(false);
                }
            }
            output.Info($"Installing {t.Title} ({t.Package.SizeKb} KB)");
            await InstallPackageAsync(context, database, package, t.Update, t.Package, t.Title, ct).ConfigureAwait(false);
            progress.Failed.Remove(package.Key);
            context.Save();
            output.Info($"Installed {t.Title}{(t.Update.RebootRequired ? " (takes effect after a reboot)" : "")}");
        }
    }

    /// <summary>
    /// A listed patch whose install failed is reported Failed even when the baseline does not approve it (the user
    /// guide's "Failed-NonCompliant"); everything else keeps the baseline's verdict.
    /// </summary>
    private static List<PatchAssessment> WithOverrideFailures(List<PatchAssessment> assessments, List<OverrideTarget> targets, List<string> failed)
    {
        if (targets.Count == 0 || failed.Count == 0)
        {
            return assessments;
        }
        var byKey = targets.ToDictionary(t => t.Installed.Key, StringComparer.Ordinal);
        return [.. assessments.Select(a => a.State != PatchState.Failed && failed.Contains(a.Package.Key) && byKey.TryGetValue(a.Package.Key, out var t)
            ? new PatchAssessment(a.Package, PatchState.Failed, t.Title, t.Update.Classification, t.Update.Severity, null, t.Update.Cves,
                a.ComplianceLevel, t.Update, t.Package) { KbId = a.KbId }
            : a)];
    }

    /// <summary>Downloads and parses the list; every failure becomes an <see cref="OverrideListException"/> for the step output.</summary>
    private async Task<OverrideList> LoadOverrideListAsync(string url, CancellationToken ct)
    {
        AgentObjectResponse answer;
        var backoff = new Backoff(_options.MaxBackoff);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                answer = await _client.ObjectAsync(url, ct).ConfigureAwait(false);
                break;
            }
            catch (EmulatorRequestException ex) when (ex.IsRetryable && attempt < SnapshotAttempts)
            {
                var delay = backoff.Next();
                _log.Warn("patch", $"InstallOverrideList download failed ({ex.Message}); attempt {attempt}/{SnapshotAttempts}, retrying in {delay.TotalSeconds:0} s");
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
            catch (EmulatorRequestException ex)
            {
                throw new OverrideListException($"Unable to download the InstallOverrideList {url}: {ex.Message}");
            }
        }
        return answer.Error.Length > 0
            ? throw new OverrideListException($"Unable to download the InstallOverrideList {url}: {answer.Message}")
            : OverrideList.Parse(answer.Content);
    }

    private async Task InstallPackageAsync(StepContext context, PackageDatabase database, InstalledPackage package, CatalogUpdate update,
        CatalogUpdatePackage target, string title, CancellationToken ct)
    {
        await _clock.DelayAsync(3 + target.SizeKb / 10240.0, ct).ConfigureAwait(false);
        package.Epoch = target.Epoch;
        package.Version = target.Version;
        package.InstalledTime = _clock.Now;
        package.InstalledBy = InstalledPackage.InstalledByPatchManager;
        package.AdvisoryId = update.AdvisoryId;
        package.PendingReboot = update.RebootRequired;
        _packages.Save(database);
        context.Document.Patch!.Installed.Add(title);
        context.Save();
    }

    private async Task<AgentSnapshotResponse> RequestSnapshotAsync(string snapshotId, string baselineOverride, List<CandidateEntry> candidates,
        CancellationToken ct)
    {
        var request = new AgentSnapshotRequest
        {
            SnapshotId = snapshotId, BaselineOverride = baselineOverride, Candidates = candidates.Select(c => c.Candidate).ToList(),
        };
        var backoff = new Backoff(_options.MaxBackoff);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _client.SnapshotAsync(request, ct).ConfigureAwait(false);
            }
            catch (EmulatorRequestException ex) when (ex.IsRetryable && attempt < SnapshotAttempts)
            {
                var delay = backoff.Next();
                _log.Warn("patch", $"snapshot request failed ({ex.Message}); attempt {attempt}/{SnapshotAttempts}, retrying in {delay.TotalSeconds:0} s");
                await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True when the catalog is the simulated Windows one (a broken catalog is reported later, as Linux).</summary>
    private bool IsWindows()
    {
        try
        {
            return _catalog.Load().IsWindows;
        }
        catch (CatalogException)
        {
            return false;
        }
    }

    /// <summary>The package manager the real PatchLinux step runs (yum on AL2, dnf on AL2023, apt on Ubuntu/Debian).</summary>
    private string PackageManager() => _options.Os switch
    {
        "AmazonLinux2023" => "/usr/bin/dnf",
        "Ubuntu2204" or "Debian12" => "/usr/bin/apt-get",
        _ => "/usr/bin/yum",
    };

    private static void WriteSummary(PatchOutput output, AgentPatchReport report, List<PatchAssessment> assessments)
    {
        int Count(PatchState state) => assessments.Count(a => a.State == state);
        output.Info($"Patch Summary for PatchGroup : {report.PatchGroup}");
        output.Raw($"  BaselineId : {report.BaselineId}");
        output.Raw($"  SnapshotId : {report.SnapshotId}");
        output.Raw($"  OperationType : {report.Operation}");
        output.Raw($"  RebootOption : {report.RebootOption}");
        output.Raw($"  OperationStartTime : {Iso(report.OperationStartTime)}");
        output.Raw($"  OperationEndTime : {Iso(report.OperationEndTime)}");
        output.Raw(string.Create(CultureInfo.InvariantCulture, $"  InstalledCount : {Count(PatchState.Installed)}"));
        output.Raw(string.Create(CultureInfo.InvariantCulture, $"  InstalledOtherCount : {Count(PatchState.InstalledOther)}"));
        output.Raw(string.Create(CultureInfo.InvariantCulture, $"  InstalledPendingRebootCount : {Count(PatchState.InstalledPendingReboot)}"));
        output.Raw(string.Create(CultureInfo.InvariantCulture, $"  InstalledRejectedCount : {Count(PatchState.InstalledRejected)}"));
        output.Raw(string.Create(CultureInfo.InvariantCulture, $"  MissingCount : {Count(PatchState.Missing)}"));
        output.Raw(string.Create(CultureInfo.InvariantCulture, $"  FailedCount : {Count(PatchState.Failed)}"));
        output.Raw(string.Create(CultureInfo.InvariantCulture, $"  NotApplicableCount : {Count(PatchState.NotApplicable)}"));
    }

    private static string StateWire(PatchState state) => StatusRules.ToWire(state);

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Describe(PatchAssessment assessment) =>
        assessment.Severity.Length > 0 ? $"{assessment.Classification}/{assessment.Severity}" : assessment.Classification;

    private static string? First(Dictionary<string, List<string>> parameters, string name) =>
        parameters.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
}
