using System.Text.Json;
using System.Text.RegularExpressions;
using PatchLab.Contracts.Agent;
using PatchLab.Domain.Baselines;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Ssm;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Backend;

/// <summary>
/// Patch baselines as a use case (reference 5): custom baselines next to the AWS-owned ones, the default per OS,
/// patch groups, baseline resolution for a node and the frozen snapshot the agent patches from.
/// </summary>
/// <remarks>
/// Resolution (reference 5.4): BaselineOverride → the baseline registered for the node's patch group (PatchGroup tag,
/// then "Patch Group") for its OS → the account default for its OS → the AWS predefined baseline.
/// Quotas (reference 8, [U]): 50 custom baselines, 25 patch groups per baseline.
/// </remarks>
public sealed partial class PatchBaselineBackend(BaselineRepository repo, TagRepository tags, LabClock clock, EventLog events, PatchCatalogs catalogs,
    ObjectStore objects)
{
    /// <summary>Custom baselines per account.</summary>
    public const int MaxBaselines = 50;

    /// <summary>Patch groups per baseline.</summary>
    public const int MaxPatchGroupsPerBaseline = 25;

    /// <summary>Tag resource type of baselines.</summary>
    public const string ResourceType = "PatchBaseline";

    /// <summary>The account PatchLab plays (custom baseline ARNs).</summary>
    public const string AccountArnPrefix = "arn:aws:ssm:us-east-1:123456789012:patchbaseline/";

    [GeneratedRegex("^(arn:aws:ssm:[a-z0-9-]+:[0-9]{12}:patchbaseline/)?pb-[0-9a-f]{17}$")]
    private static partial Regex BaselineIdShape();

    /// <summary>
    /// The baseline with this id: AWS-owned ones by full ARN only; custom ones by pb-… id or by ARN. A string that is
    /// no baseline id at all is InvalidResourceId [U].
    /// </summary>
    public PatchBaseline? Find(string baselineId)
    {
        if (!BaselineIdShape().IsMatch(baselineId))
        {
            throw new InvalidResourceIdException(
                $"{baselineId} is not a patch baseline id. Use pb- followed by 17 hex digits for your baselines, or the full ARN of an AWS-owned one, e.g. {PredefinedBaselines.AmazonLinux2.BaselineId}.");
        }
        if (PredefinedBaselines.Find(baselineId) is { } aws)
        {
            return aws;
        }
        var slash = baselineId.LastIndexOf('/');
        return repo.Get(slash < 0 ? baselineId : baselineId[(slash + 1)..]);
    }

    /// <summary>The baseline, or DoesNotExistException [U: message].</summary>
    public PatchBaseline Require(string baselineId) => Find(baselineId) ?? throw NotFound(baselineId);

    /// <summary>AWS-owned baselines, then custom ones in creation order.</summary>
    public IReadOnlyList<PatchBaseline> All() => [.. PredefinedBaselines.All, .. repo.List()];

    /// <summary>The default baseline id of an OS: the registered one, else AWS's.</summary>
    public string DefaultIdFor(string operatingSystem) => repo.DefaultFor(operatingSystem) ?? PredefinedBaselines.ForOperatingSystem(operatingSystem).BaselineId;

    /// <summary>True when the baseline is the default of its OS.</summary>
    public bool IsDefault(PatchBaseline b) => DefaultIdFor(b.OperatingSystem) == b.BaselineId;

    /// <summary>Patch groups registered to a baseline.</summary>
    public IReadOnlyList<string> PatchGroupsOf(string baselineId) =>
        [.. repo.PatchGroups().Where(g => g.BaselineId == baselineId).Select(g => g.PatchGroup)];

    /// <summary>Every patch-group registration.</summary>
    public IReadOnlyList<BaselineRepository.PatchGroupRegistration> PatchGroups() => repo.PatchGroups();

    /// <summary>Creates a custom baseline from a validated draft (its id and dates are assigned here).</summary>
    public PatchBaseline Create(PatchBaseline draft, string? clientToken, IReadOnlyDictionary<string, string> tagSet)
    {
        Validate(draft);
        if (repo.List().Count >= MaxBaselines)
        {
            throw new ResourceLimitExceededException($"You can create at most {MaxBaselines} patch baselines. Delete a patch baseline you no longer use.");
        }
        var now = clock.GetUtcNow();
        var b = draft with { BaselineId = WireFormat.HexId("pb-"), CreatedDate = now, ModifiedDate = now, IsPredefined = false };
        repo.Insert(b, clientToken);
        if (tagSet.Count > 0)
        {
            tags.Add(ResourceType, b.BaselineId, tagSet);
        }
        events.Add("baseline", $"Created patch baseline {b.BaselineId} ({b.Name}, {b.OperatingSystem}): {b.ApprovalRules.Count} rule(s), {b.ApprovedPatches.Count} approved, {b.RejectedPatches.Count} rejected ({b.RejectedPatchesAction})");
        return b;
    }

    /// <summary>Applies a change to a custom baseline (AWS-owned ones are read-only [U: message]).</summary>
    public PatchBaseline Update(string baselineId, Func<PatchBaseline, PatchBaseline> change)
    {
        var current = Require(baselineId);
        if (current.IsPredefined)
        {
            throw new ValidationException($"{current.Name} is an AWS-owned patch baseline and cannot be modified. Create your own baseline (CreatePatchBaseline) and register it instead.");
        }
        // Applied to the stored baseline inside the write (see BaselineRepository.Update): concurrent updates never undo each other.
        var next = repo.Update(baselineId, stored =>
        {
            var changed = change(stored) with { BaselineId = stored.BaselineId, OperatingSystem = stored.OperatingSystem, CreatedDate = stored.CreatedDate, ModifiedDate = clock.GetUtcNow() };
            Validate(changed);
            return changed;
        }) ?? throw NotFound(baselineId);
        events.Add("baseline", $"Updated patch baseline {next.BaselineId} ({next.Name})");
        return next;
    }

    /// <summary>
    /// Deletes a custom baseline. In use (registered to a patch group, or the default of its OS) → ResourceInUseException.
    /// An unknown id answers normally: DeletePatchBaseline declares no not-found error [U].
    /// </summary>
    public string Delete(string baselineId)
    {
        var b = Find(baselineId);
        if (b is null)
        {
            return baselineId;
        }
        if (b.IsPredefined)
        {
            throw new ValidationException($"{b.Name} is an AWS-owned patch baseline and cannot be deleted.");
        }
        var groups = PatchGroupsOf(b.BaselineId);
        if (groups.Count > 0)
        {
            throw new ResourceInUseException(
                $"Patch baseline {b.BaselineId} is registered to patch group(s) {string.Join(", ", groups)}. Deregister it first (DeregisterPatchBaselineForPatchGroup).");
        }
        if (IsDefault(b))
        {
            throw new ResourceInUseException(
                $"Patch baseline {b.BaselineId} is the default patch baseline for {b.OperatingSystem}. Register another default first (RegisterDefaultPatchBaseline with, e.g., {PredefinedBaselines.ForOperatingSystem(b.OperatingSystem).BaselineId}).");
        }
        repo.Delete(b.BaselineId);
        events.Add("baseline", $"Deleted patch baseline {b.BaselineId} ({b.Name})");
        return b.BaselineId;
    }

    /// <summary>Makes a baseline the default of its OS.</summary>
    public PatchBaseline RegisterDefault(string baselineId)
    {
        var b = Require(baselineId);
        repo.SetDefault(b.OperatingSystem, b.BaselineId);
        events.Add("baseline", $"Default patch baseline for {b.OperatingSystem} is now {b.BaselineId} ({b.Name})");
        return b;
    }

    /// <summary>Registers a baseline for a patch group; one baseline per group and OS.</summary>
    public PatchBaseline RegisterPatchGroup(string baselineId, string patchGroup)
    {
        var b = Require(baselineId);
        if (PatchGroupsOf(b.BaselineId).Count >= MaxPatchGroupsPerBaseline)
        {
            throw new ResourceLimitExceededException($"Patch baseline {b.BaselineId} is already registered to {MaxPatchGroupsPerBaseline} patch groups, the maximum.");
        }
        if (repo.RegisterPatchGroup(patchGroup, b.OperatingSystem, b.BaselineId) is not null)
        {
            // moto's text for the same case.
            throw new AlreadyExistsException($"Patch Group baseline already has a baseline registered for OperatingSystem {b.OperatingSystem}.");
        }
        events.Add("baseline", $"Patch group '{patchGroup}' uses {b.BaselineId} ({b.Name}) for {b.OperatingSystem}");
        return b;
    }

    /// <summary>Removes a registration; a pair that is not registered is InvalidResourceId (the only error the model declares) [U: message].</summary>
    public string DeregisterPatchGroup(string baselineId, string patchGroup)
    {
        var id = Find(baselineId)?.BaselineId ?? baselineId;
        if (!repo.DeregisterPatchGroup(patchGroup, id))
        {
            throw new InvalidResourceIdException($"Patch baseline {baselineId} is not registered for patch group '{patchGroup}'.");
        }
        events.Add("baseline", $"Patch group '{patchGroup}' no longer uses {id}");
        return id;
    }

    /// <summary>The baseline a patch group uses for an OS: its registration, else the default.</summary>
    public string BaselineIdForPatchGroup(string patchGroup, string operatingSystem) =>
        repo.BaselineForPatchGroup(patchGroup, operatingSystem) ?? DefaultIdFor(operatingSystem);

    /// <summary>The baseline a node uses now (reference 5.4), without BaselineOverride.</summary>
    public PatchBaseline Resolve(Instance instance, string operatingSystem)
    {
        var group = instance.PatchGroup;
        var id = group.Length > 0 ? BaselineIdForPatchGroup(group, operatingSystem) : DefaultIdFor(operatingSystem);
        // A registered baseline deleted meanwhile cannot happen (delete refuses), but stay safe: fall back to AWS's.
        return Find(id) ?? PredefinedBaselines.ForOperatingSystem(operatingSystem);
    }

    /// <summary>
    /// The agent's GetDeployablePatchSnapshotForInstance: resolve the node's baseline (or the override), freeze it for the
    /// SnapshotId, and decide every candidate at the frozen instant.
    /// </summary>
    public AgentSnapshotResponse AnswerAgent(Instance instance, AgentSnapshotRequest request)
    {
        var os = OperatingSystemOf(instance);
        var baseline = request.BaselineOverride.Length > 0 ? ParseOverride(Download(request.BaselineOverride), os) ?? Resolve(instance, os) : Resolve(instance, os);
        var snapshotId = request.SnapshotId.Length > 0 ? request.SnapshotId : Guid.NewGuid().ToString();
        var (frozen, at) = repo.FreezeSnapshot(snapshotId, baseline, clock.GetUtcNow());
        var product = catalogs.ProductOf(instance.Os) ?? instance.Os;
        var infos = request.Candidates.Select(c => new PatchInfo(c.Name, c.Arch, c.Version, c.AdvisoryId, c.Classification, c.Severity, c.ReleaseDate, product, c.Cves)
        {
            Epoch = c.Epoch, InstalledVersion = c.InstalledVersion, Requires = c.Requires, Priority = c.Priority, Section = c.Section,
            Repository = c.Repository, ProductFamily = os == "WINDOWS" ? "Windows" : "",
        }).ToList();
        var evaluation = SnapshotEvaluation(snapshotId, frozen, at);
        IReadOnlyList<Domain.Baselines.PatchDecision> decisions;
        lock (evaluation)
        {
            decisions = evaluation.EvaluateAll(infos);
        }
        var response = new AgentSnapshotResponse
        {
            SnapshotId = snapshotId, BaselineId = frozen.BaselineId, PatchGroup = instance.PatchGroup, RejectedPatchesAction = frozen.RejectedPatchesAction,
        };
        for (var i = 0; i < infos.Count; i++)
        {
            var d = decisions[i];
            response.Decisions.Add(new Contracts.Agent.PatchDecision
            {
                Name = infos[i].Name, Approved = d.Approved, Rejected = d.Rejected, ComplianceLevel = d.ComplianceLevel, BlockedBy = d.BlockedBy ?? "",
                DependencyOf = d.DependencyOf ?? "", Reason = d.Reason,
            });
        }
        return response;
    }

    private readonly Dictionary<(string SnapshotId, string BaselineId, DateTimeOffset At), BaselineEvaluation> _evaluations = [];

    /// <summary>
    /// Nodes sharing a SnapshotId (a maintenance window's execution id) share one evaluation, so each catalog patch is decided
    /// once per window, not once per node (issue 4's 1,000-node benchmark). The last 32 snapshots are kept.
    /// </summary>
    private BaselineEvaluation SnapshotEvaluation(string snapshotId, PatchBaseline frozen, DateTimeOffset at)
    {
        lock (_evaluations)
        {
            var key = (snapshotId, frozen.BaselineId, at);
            if (!_evaluations.TryGetValue(key, out var evaluation))
            {
                if (_evaluations.Count >= 32)
                {
                    _evaluations.Clear();
                }
                _evaluations[key] = evaluation = new BaselineEvaluation(frozen, at);
            }
            return evaluation;
        }
    }

    /// <summary>GetDeployablePatchSnapshotForInstance: freezes the node's baseline for the snapshot and names the product.</summary>
    public (string Product, PatchBaseline Baseline) DeployableSnapshot(Instance instance, string snapshotId, PatchBaseline? baselineOverride)
    {
        var os = OperatingSystemOf(instance);
        var baseline = baselineOverride is not null && baselineOverride.OperatingSystem == os ? baselineOverride : Resolve(instance, os);
        var (frozen, _) = repo.FreezeSnapshot(snapshotId, baseline, clock.GetUtcNow());
        return (catalogs.ProductOf(instance.Os) ?? instance.Os, frozen);
    }

    /// <summary>SSM OperatingSystem of a node's flavour.</summary>
    public static string OperatingSystemOf(Instance instance) => OsFlavor.Find(instance.Os)?.OperatingSystem ?? OsFlavor.AmazonLinux2.OperatingSystem;

    /// <summary>
    /// BaselineOverride as given, or, for an s3:// or https:// URL, the object it names in the lab's object store
    /// (<see cref="ObjectStore"/>). A missing object or a URL PatchLab cannot serve fails the step with S3's error.
    /// </summary>
    private string Download(string raw)
    {
        var text = raw.Trim();
        if (!text.StartsWith("s3://", StringComparison.Ordinal) && !text.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return raw;
        }
        var answer = objects.Get(text);
        return answer.Error.Length == 0
            ? answer.Content
            : throw new ValidationException($"BaselineOverride {text} cannot be downloaded: {answer.Message}");
    }

    /// <summary>
    /// Reads AWS-RunPatchBaseline's BaselineOverride: a JSON list of baselines (GetPatchBaseline output, one per OS) or
    /// one baseline; the entry for <paramref name="operatingSystem"/> wins, none → null (normal resolution) [U].
    /// </summary>
    /// <remarks>
    /// AWS takes an s3:// or https:// URL of that JSON: <see cref="Download"/> reads it from the lab's object store
    /// first. [U] PatchLab also accepts the JSON itself as the parameter value.
    /// </remarks>
    public static PatchBaseline? ParseOverride(string raw, string operatingSystem)
    {
        var text = raw.Trim();
        if (!text.StartsWith('{') && !text.StartsWith('['))
        {
            throw new ValidationException(
                $"BaselineOverride '{raw}' is neither an object URL ({ObjectStore.ValidForms}) nor baseline JSON (a list of GetPatchBaseline outputs, one per operating system).");
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ValidationException($"BaselineOverride is not valid JSON: {e.Message}");
        }
        using (doc)
        {
            var entries = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.EnumerateArray().ToList() : [doc.RootElement];
            foreach (var e in entries.Where(e => e.ValueKind == JsonValueKind.Object))
            {
                var r = new RequestReader(e);
                var id = r.String("BaselineId") is { Length: > 0 } given ? given : "BaselineOverride";
                var b = BaselineWire.ReadDefinition(r, id, r.String("Name") ?? "BaselineOverride");
                r.ThrowIfInvalid();
                if (b.OperatingSystem == operatingSystem)
                {
                    Validate(b);
                    return b;
                }
            }
            return null;
        }
    }

    /// <summary>Semantic checks (BaselineValidator) as ValidationException.</summary>
    public static void Validate(PatchBaseline b)
    {
        if (BaselineValidator.Validate(b) is { } error)
        {
            throw new ValidationException(error);
        }
    }

    private static DoesNotExistException NotFound(string baselineId) =>
        new($"Patch baseline {baselineId} does not exist. AWS-owned baselines are addressed by their full ARN, e.g. {PredefinedBaselines.AmazonLinux2.BaselineId}.");
}
