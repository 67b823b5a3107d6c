using System.Text.RegularExpressions;
using PatchLab.Contracts.Lab;
using PatchLab.Domain.Baselines;
using PatchLab.Domain.Model;
using PatchLab.Domain.Scheduling;
using PatchLab.Labs.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PatchLab.Labs.Loading;

/// <summary>
/// Loads and validates a lab file (docs/labs.md). Every problem is reported with its file:line:column, all of them, before
/// anything is started: unknown keys, wrong types, bad enum values, schedules (<see cref="AwsSchedule"/>), baseline rules
/// (<see cref="BaselineValidator"/>) and names that refer to nothing.
/// </summary>
public static partial class LabLoader
{
    private static readonly string[] RootKeys = ["name", "description", "clock", "until", "fleet", "baselines", "windows", "faults", "objectives"];
    private static readonly string[] ClockKeys = ["start", "speed", "fastForward"];
    private static readonly string[] FleetKeys = ["name", "count", "os", "ageDays", "tags", "patchGroup"];
    private static readonly string[] BaselineKeys =
    [
        "name", "operatingSystem", "description", "globalFilters", "approvalRules", "approvedPatches", "approvedPatchesComplianceLevel",
        "approvedPatchesEnableNonSecurity", "rejectedPatches", "rejectedPatchesAction", "default", "patchGroups",
    ];
    private static readonly string[] RuleKeys = ["filters", "complianceLevel", "approveAfterDays", "approveUntilDate", "enableNonSecurity"];
    private static readonly string[] WindowKeys =
    [
        "name", "description", "schedule", "scheduleTimezone", "scheduleOffset", "duration", "cutoff", "allowUnassociatedTargets", "startDate", "endDate",
        "enabled", "targets", "tasks",
    ];
    private static readonly string[] TargetKeys = ["name", "tags", "tagKeys", "instances"];
    private static readonly string[] TaskKeys = ["name", "document", "targets", "priority", "maxConcurrency", "maxErrors", "cutoffBehavior", "timeoutSeconds", "parameters"];
    private static readonly string[] FaultKeys = ["kind", "targets", "random", "seed", "patch", "at", "duration"];
    private static readonly string[] ObjectiveKeys = ["name", "by", "compliant", "execution", "patchState", "count"];
    private static readonly string[] ObjectiveKinds = ["compliant", "execution", "patchState", "count"];
    private static readonly string[] SelectorKeys = ["tags", "instances"];
    private static readonly string[] ExecutionKeys = ["window", "status", "stoppedByMaxErrors", "stoppedAtCutoff"];
    private static readonly string[] PatchStateKeys = ["instance", "patch", "state"];
    private static readonly string[] CountKeys = ["instances", "compliance", "window", "invocationStatus", "equals", "atLeast", "atMost"];

    /// <summary>Documents a lab task may run.</summary>
    public static readonly IReadOnlyList<string> Documents = ["AWS-RunPatchBaseline", "AWS-RunShellScript"];

    private static readonly Dictionary<string, string[]> DocumentParameters = new(StringComparer.Ordinal)
    {
        ["AWS-RunPatchBaseline"] = ["Operation", "RebootOption", "SnapshotId", "InstallOverrideList", "BaselineOverride"],
        ["AWS-RunShellScript"] = ["commands", "workingDirectory", "executionTimeout"],
    };

    private static readonly string[] WindowStatuses = ["SUCCESS", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED_OVERLAPPING"];
    private static readonly string[] PatchStates = ["Installed", "InstalledOther", "InstalledPendingReboot", "InstalledRejected", "Missing", "NotApplicable", "Failed"];
    private static readonly string[] InvocationStatuses = ["Pending", "InProgress", "Success", "Failed", "TimedOut", "Cancelled", "Terminated", "Undeliverable", "DeliveryTimedOut", "ExecutionTimedOut"];

    /// <summary>Loads a lab file from disk; the diagnostics name the path as given.</summary>
    /// <exception cref="LabLoadException">The file is missing or invalid.</exception>
    public static Lab LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new LabLoadException([new LabDiagnostic(path, 1, 1, "no such file; expected a lab file (YAML, see docs/labs.md)")]);
        }
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates lab text.</summary>
    /// <param name="yaml">The file's text.</param>
    /// <param name="file">The name diagnostics use.</param>
    /// <exception cref="LabLoadException">Anything is invalid; every problem is listed.</exception>
    public static Lab Parse(string yaml, string file)
    {
        var w = new YamlWalker(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var inner = e.InnerException?.Message;
            throw new LabLoadException([new LabDiagnostic(file, (int)e.Start.Line, (int)e.Start.Column,
                $"not valid YAML: {(inner is not null ? e.Message + " " + inner : e.Message)}")]);
        }
        if (stream.Documents.Count == 0)
        {
            throw new LabLoadException([new LabDiagnostic(file, 1, 1, $"the file is empty; expected a lab (a mapping with keys {string.Join(", ", RootKeys)})")]);
        }
        var lab = Read(w, stream.Documents[0].RootNode, file);
        if (w.Errors.Count > 0 || lab is null)
        {
            throw new LabLoadException([.. w.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }
        return lab;
    }

    private static Lab? Read(YamlWalker w, YamlNode rootNode, string file)
    {
        var root = w.Mapping(rootNode, "the lab", RootKeys);
        if (root is null)
        {
            return null;
        }
        var name = w.Matching(root, "name", "the lab", NamePattern(), "3-128 letters, digits, '-', '_' or '.'", required: true);
        var description = w.String(root, "description", "the lab");

        LabClock? clock = null;
        if (YamlWalker.Get(root, "clock") is { } clockNode && w.Mapping(clockNode, "clock", ClockKeys) is { } c)
        {
            var start = w.Instant(c, "start", "clock", required: true);
            var speed = w.Number(c, "speed", "clock", 0.1, 100_000) ?? 60;
            var ff = w.Bool(c, "fastForward", "clock") ?? true;
            if (start is { } s)
            {
                clock = new LabClock(s, speed, ff);
            }
        }
        else if (YamlWalker.Get(root, "clock") is null)
        {
            w.Error(root, "the lab needs 'clock' with at least 'start' (an ISO-8601 instant, e.g. 2026-11-29T00:00:00Z)");
        }

        var fleet = ReadFleet(w, root);
        var names = new HashSet<string>(fleet.SelectMany(g => Enumerable.Range(1, g.Count).Select(i => $"{g.Name}-{i}")), StringComparer.Ordinal);
        var baselines = ReadBaselines(w, root);
        var windows = ReadWindows(w, root, names);
        var faults = ReadFaults(w, root, names, clock);
        var objectives = ReadObjectives(w, root, fleet, names, windows, clock);

        var until = w.Instant(root, "until", "the lab");
        if (until is null && YamlWalker.Get(root, "until") is null)
        {
            until = objectives.Select(o => o.By).Max();
            if (until is null)
            {
                w.Error(root, "the lab needs 'until' (when a headless run ends) or at least one objective with 'by'");
            }
        }
        if (until is { } u && clock is { } ck && u <= ck.Start)
        {
            w.Error(YamlWalker.Get(root, "until") ?? root, $"'until' ({u:yyyy-MM-ddTHH:mm:ssZ}) must be after clock.start ({ck.Start:yyyy-MM-ddTHH:mm:ssZ})");
        }
        if (name is null || clock is null || until is null)
        {
            return null;
        }
        return new Lab
        {
            Name = name, Description = description, SourceFile = file, Clock = clock, Until = until.Value, Fleet = fleet, Baselines = baselines,
            Windows = windows, Faults = faults, Objectives = objectives,
        };
    }

    private static List<FleetGroup> ReadFleet(YamlWalker w, YamlMappingNode root)
    {
        var groups = new List<FleetGroup>();
        w.Each(root, "fleet", "instance groups", node =>
        {
            if (w.Mapping(node, "a fleet group", FleetKeys) is not { } m)
            {
                return;
            }
            var name = w.Matching(m, "name", "a fleet group", FleetNamePattern(), "1-40 letters, digits or '-' (instances are named NAME-1, NAME-2, …)", required: true);
            var count = w.Int(m, "count", "a fleet group", 1, 20, required: true);
            var os = w.String(m, "os", "a fleet group") ?? "AmazonLinux2";
            if (OsFlavor.Find(os) is null)
            {
                w.Error(YamlWalker.Get(m, "os")!, $"'os' of a fleet group must be one of: {string.Join(", ", OsFlavor.All.Select(f => f.Name))}; found '{os}'");
            }
            var age = w.Int(m, "ageDays", "a fleet group", 0, 3650) ?? 365;
            var tags = w.StringMap(m, "tags", "a fleet group") ?? [];
            if (w.String(m, "patchGroup", "a fleet group") is { } pg)
            {
                tags["Patch Group"] = pg;
            }
            if (name is not null && groups.Any(g => g.Name == name))
            {
                w.Error(YamlWalker.Get(m, "name")!, $"fleet group name '{name}' is used twice; each group needs its own name prefix");
            }
            if (name is not null && count is not null)
            {
                groups.Add(new FleetGroup(name, count.Value, OsFlavor.Find(os)?.Name ?? os, age, tags));
            }
        });
        return groups;
    }

    private static List<LabBaseline> ReadBaselines(YamlWalker w, YamlMappingNode root)
    {
        var list = new List<LabBaseline>();
        var patchGroups = new Dictionary<string, string>(StringComparer.Ordinal);
        w.Each(root, "baselines", "patch baselines", node =>
        {
            if (w.Mapping(node, "a baseline", BaselineKeys) is not { } m)
            {
                return;
            }
            var errorsBefore = w.Errors.Count;
            var name = w.Matching(m, "name", "a baseline", NamePattern(), "3-128 letters, digits, '-', '_' or '.'", required: true);
            var os = w.Enum(m, "operatingSystem", "a baseline", PatchProperties.OperatingSystems) ?? "AMAZON_LINUX_2";
            var rules = new List<LabRule>();
            w.Each(m, "approvalRules", "approval rules", r =>
            {
                if (w.Mapping(r, "an approval rule", RuleKeys) is not { } rm)
                {
                    return;
                }
                rules.Add(new LabRule(w.MultiMap(rm, "filters", "an approval rule") ?? [],
                    w.Enum(rm, "complianceLevel", "an approval rule", PatchProperties.ComplianceLevels) ?? "UNSPECIFIED",
                    w.Int(rm, "approveAfterDays", "an approval rule", 0, 360), w.String(rm, "approveUntilDate", "an approval rule"),
                    w.Bool(rm, "enableNonSecurity", "an approval rule") ?? false));
            });
            var b = new LabBaseline
            {
                Name = name ?? "", OperatingSystem = os, Description = w.String(m, "description", "a baseline"),
                GlobalFilters = w.MultiMap(m, "globalFilters", "a baseline") ?? [], ApprovalRules = rules,
                ApprovedPatches = w.StringList(m, "approvedPatches", "a baseline") ?? [],
                ApprovedPatchesComplianceLevel = w.Enum(m, "approvedPatchesComplianceLevel", "a baseline", PatchProperties.ComplianceLevels) ?? "UNSPECIFIED",
                ApprovedPatchesEnableNonSecurity = w.Bool(m, "approvedPatchesEnableNonSecurity", "a baseline") ?? false,
                RejectedPatches = w.StringList(m, "rejectedPatches", "a baseline") ?? [],
                RejectedPatchesAction = w.Enum(m, "rejectedPatchesAction", "a baseline", [RejectedPatchesActions.AllowAsDependency, RejectedPatchesActions.Block])
                                        ?? RejectedPatchesActions.AllowAsDependency,
                Default = w.Bool(m, "default", "a baseline") ?? false, PatchGroups = w.StringList(m, "patchGroups", "a baseline") ?? [],
            };
            if (name is not null && list.Any(x => x.Name == name))
            {
                w.Error(YamlWalker.Get(m, "name")!, $"baseline name '{name}' is used twice");
            }
            if (b.Default && list.FirstOrDefault(x => x.Default && x.OperatingSystem == os) is { } other)
            {
                w.Error(YamlWalker.Get(m, "default")!, $"baseline '{other.Name}' is already the default for {os}; only one baseline per OS can be");
            }
            foreach (var pg in b.PatchGroups)
            {
                if (!patchGroups.TryAdd(pg, b.Name))
                {
                    w.Error(YamlWalker.Get(m, "patchGroups")!, $"patch group '{pg}' is already registered with baseline '{patchGroups[pg]}'; a patch group has one baseline");
                }
            }
            // The emulator's own checks (filter keys and values per OS, ApproveAfterDays xor ApproveUntilDate, …), at the baseline.
            if (w.Errors.Count == errorsBefore && BaselineValidator.Validate(ToDomain(b)) is { } problem)
            {
                w.Error(YamlWalker.Get(m, "approvalRules") ?? m, $"baseline '{b.Name}': {problem}");
            }
            list.Add(b);
        });
        return list;
    }

    internal static PatchBaseline ToDomain(LabBaseline b) => new()
    {
        BaselineId = "pb-00000000000000000", Name = b.Name, OperatingSystem = b.OperatingSystem, Description = b.Description,
        GlobalFilters = [.. b.GlobalFilters.Select(f => new PatchFilter(f.Key, f.Value))],
        ApprovalRules = [.. b.ApprovalRules.Select(r => new PatchRule([.. r.Filters.Select(f => new PatchFilter(f.Key, f.Value))], r.ComplianceLevel,
            r.ApproveAfterDays, r.ApproveUntilDate, r.EnableNonSecurity))],
        ApprovedPatches = b.ApprovedPatches, ApprovedPatchesComplianceLevel = b.ApprovedPatchesComplianceLevel,
        ApprovedPatchesEnableNonSecurity = b.ApprovedPatchesEnableNonSecurity, RejectedPatches = b.RejectedPatches, RejectedPatchesAction = b.RejectedPatchesAction,
    };

    private static List<LabWindow> ReadWindows(YamlWalker w, YamlMappingNode root, HashSet<string> instanceNames)
    {
        var list = new List<LabWindow>();
        w.Each(root, "windows", "maintenance windows", node =>
        {
            if (w.Mapping(node, "a window", WindowKeys) is not { } m)
            {
                return;
            }
            var name = w.Matching(m, "name", "a window", NamePattern(), "3-128 letters, digits, '-', '_' or '.'", required: true);
            var what = name is null ? "a window" : $"window '{name}'";
            var schedule = w.String(m, "schedule", what, required: true);
            var tz = w.String(m, "scheduleTimezone", what);
            var offset = w.Int(m, "scheduleOffset", what, 1, 6);
            if (schedule is not null && !AwsSchedule.TryParse(schedule, tz, offset, out _, out var scheduleError))
            {
                w.Error(YamlWalker.Get(m, "schedule")!, $"'schedule' of {what} is not a valid maintenance window schedule: {scheduleError}");
            }
            var duration = w.Int(m, "duration", what, 1, 24, required: true);
            var cutoff = w.Int(m, "cutoff", what, 0, 23, required: true);
            if (duration is { } d && cutoff is { } co && co >= d)
            {
                w.Error(YamlWalker.Get(m, "cutoff")!, $"'cutoff' of {what} must be smaller than 'duration' ({co} >= {d}): no task starts in the last cutoff hours");
            }
            var startDate = w.Instant(m, "startDate", what);
            var endDate = w.Instant(m, "endDate", what);
            if (startDate is { } sd && endDate is { } ed && ed <= sd)
            {
                w.Error(YamlWalker.Get(m, "endDate")!, $"'endDate' of {what} must be after its 'startDate'");
            }

            var targets = new List<LabTarget>();
            w.Each(m, "targets", "window targets", t => ReadTarget(w, t, what, targets, instanceNames));
            var tasks = new List<LabTask>();
            w.Each(m, "tasks", "window tasks", t => ReadTask(w, t, what, targets, tasks));
            if (name is not null && list.Any(x => x.Name == name))
            {
                w.Error(YamlWalker.Get(m, "name")!, $"window name '{name}' is used twice; objectives refer to windows by name");
            }
            list.Add(new LabWindow
            {
                Name = name ?? "", Description = w.String(m, "description", what), Schedule = schedule ?? "", ScheduleTimezone = tz, ScheduleOffset = offset,
                Duration = duration ?? 1, Cutoff = cutoff ?? 0, AllowUnassociatedTargets = w.Bool(m, "allowUnassociatedTargets", what) ?? false,
                StartDate = w.String(m, "startDate", what), EndDate = w.String(m, "endDate", what), Enabled = w.Bool(m, "enabled", what) ?? true,
                Targets = targets, Tasks = tasks,
            });
        });
        return list;
    }

    private static void ReadTarget(YamlWalker w, YamlNode node, string window, List<LabTarget> targets, HashSet<string> instanceNames)
    {
        if (w.Mapping(node, $"a target of {window}", TargetKeys) is not { } m)
        {
            return;
        }
        var name = w.Matching(m, "name", $"a target of {window}", NamePattern(), "3-128 letters, digits, '-', '_' or '.'", required: true);
        var what = name is null ? $"a target of {window}" : $"target '{name}' of {window}";
        var tags = w.MultiMap(m, "tags", what) ?? [];
        var keys = w.StringList(m, "tagKeys", what) ?? [];
        var instances = w.StringList(m, "instances", what) ?? [];
        var forms = new[] { YamlWalker.Has(m, "tags"), YamlWalker.Has(m, "tagKeys"), YamlWalker.Has(m, "instances") }.Count(x => x);
        if (forms != 1)
        {
            w.Error(m, $"{what} needs exactly one of 'tags', 'tagKeys' or 'instances'");
        }
        if (tags.Count > 5)
        {
            w.Error(YamlWalker.Get(m, "tags")!, $"'tags' of {what} can have at most 5 keys (AWS: up to 5 targets per window target)");
        }
        foreach (var i in instances.Where(i => !instanceNames.Contains(i)))
        {
            w.Error(YamlWalker.Get(m, "instances")!, $"{what} names instance '{i}', which the fleet does not launch; fleet instances are named GROUP-1 … GROUP-N ({Known(instanceNames)})");
        }
        if (name is not null && targets.Any(t => t.Name == name))
        {
            w.Error(YamlWalker.Get(m, "name")!, $"target name '{name}' is used twice in {window}");
        }
        targets.Add(new LabTarget(name ?? "", tags, keys, instances));
    }

    private static void ReadTask(YamlWalker w, YamlNode node, string window, List<LabTarget> targets, List<LabTask> tasks)
    {
        if (w.Mapping(node, $"a task of {window}", TaskKeys) is not { } m)
        {
            return;
        }
        var name = w.Matching(m, "name", $"a task of {window}", NamePattern(), "3-128 letters, digits, '-', '_' or '.'", required: true);
        var what = name is null ? $"a task of {window}" : $"task '{name}' of {window}";
        var document = w.Enum(m, "document", what, Documents, required: true);
        var targetNames = w.StringList(m, "targets", what, required: true) ?? [];
        foreach (var t in targetNames.Where(t => targets.All(x => x.Name != t)))
        {
            w.Error(YamlWalker.Get(m, "targets")!, $"{what} names target '{t}', which {window} does not define (targets: {Known(targets.Select(x => x.Name))})");
        }
        var parameters = w.MultiMap(m, "parameters", what) ?? [];
        if (document is not null)
        {
            var allowed = DocumentParameters[document];
            foreach (var p in parameters.Keys.Where(p => !allowed.Contains(p, StringComparer.Ordinal)))
            {
                w.Error(YamlWalker.Get(m, "parameters")!, $"{document} has no parameter '{p}'; its parameters are: {string.Join(", ", allowed)}");
            }
            CheckValue(w, m, parameters, "Operation", ["Scan", "Install"]);
            CheckValue(w, m, parameters, "RebootOption", ["RebootIfNeeded", "NoReboot"]);
            if (document == "AWS-RunShellScript" && !parameters.ContainsKey("commands"))
            {
                w.Error(YamlWalker.Get(m, "parameters") ?? m, $"{what}: AWS-RunShellScript needs the parameter 'commands'");
            }
        }
        tasks.Add(new LabTask
        {
            Name = name ?? "", Document = document ?? "", Targets = targetNames, Priority = w.Int(m, "priority", what, 0, 1000) ?? 1,
            MaxConcurrency = w.Matching(m, "maxConcurrency", what, ConcurrencyPattern(), "a count (1, 5, …) or a percentage (10%, 100%)") ?? "1",
            MaxErrors = w.Matching(m, "maxErrors", what, ErrorsPattern(), "a count (0, 1, …) or a percentage (0%, 10%, 100%)") ?? "1",
            CutoffBehavior = w.Enum(m, "cutoffBehavior", what, ["CONTINUE_TASK", "CANCEL_TASK"]) ?? "CONTINUE_TASK",
            TimeoutSeconds = w.Int(m, "timeoutSeconds", what, 30, 2_592_000), Parameters = parameters,
        });
    }

    private static void CheckValue(YamlWalker w, YamlMappingNode task, Dictionary<string, IReadOnlyList<string>> parameters, string key, string[] allowed)
    {
        if (parameters.TryGetValue(key, out var values) && (values.Count != 1 || !allowed.Contains(values[0], StringComparer.Ordinal)))
        {
            w.Error(YamlWalker.Get(task, "parameters")!, $"parameter '{key}' must be one of: {string.Join(", ", allowed)}; found '{string.Join(",", values)}'");
        }
    }

    private static List<FaultSpec> ReadFaults(YamlWalker w, YamlMappingNode root, HashSet<string> instanceNames, LabClock? clock)
    {
        var list = new List<FaultSpec>();
        w.Each(root, "faults", "faults", node =>
        {
            if (w.Mapping(node, "a fault", FaultKeys) is not { } m)
            {
                return;
            }
            var kind = w.Enum(m, "kind", "a fault", FaultApi.Kinds, required: true);
            var what = kind is null ? "a fault" : $"fault '{kind}'";
            var targets = w.StringList(m, "targets", what) ?? [];
            foreach (var t in targets.Where(t => !t.StartsWith("i-", StringComparison.Ordinal) && !t.StartsWith("tag:", StringComparison.Ordinal) && !instanceNames.Contains(t)))
            {
                w.Error(YamlWalker.Get(m, "targets")!, $"{what} targets '{t}', which is no instance the fleet launches ({Known(instanceNames)}), no i-… id and no tag:Key=Value");
            }
            var patch = w.String(m, "patch", what);
            if (patch is not null && kind is not null && kind != FaultApi.PatchInstallFailure)
            {
                w.Error(YamlWalker.Get(m, "patch")!, $"'patch' applies to {FaultApi.PatchInstallFailure} faults only, not {kind}");
            }
            var at = w.Instant(m, "at", what);
            if (at is { } a && clock is { } c && a < c.Start)
            {
                w.Error(YamlWalker.Get(m, "at")!, $"'at' of {what} is before clock.start ({c.Start:yyyy-MM-ddTHH:mm:ssZ})");
            }
            var spec = new FaultSpec
            {
                Kind = kind ?? "", Targets = targets, Random = w.Int(m, "random", what, 1, 1000), Seed = w.Int(m, "seed", what, int.MinValue, int.MaxValue) ?? 0,
                Patch = patch, At = at, Duration = w.Duration(m, "duration", what),
            };
            list.Add(spec);
        });
        return list;
    }

    private static List<Objective> ReadObjectives(YamlWalker w, YamlMappingNode root, List<FleetGroup> fleet, HashSet<string> instanceNames, List<LabWindow> windows,
        LabClock? clock)
    {
        var list = new List<Objective>();
        w.Each(root, "objectives", "objectives", node =>
        {
            if (w.Mapping(node, "an objective", ObjectiveKeys) is not { } m)
            {
                return;
            }
            var name = w.Matching(m, "name", "an objective", ObjectiveNamePattern(), "1-80 letters, digits, spaces, '-', '_' or '.'", required: true);
            var what = name is null ? "an objective" : $"objective '{name}'";
            var by = w.Instant(m, "by", what);
            if (by is { } b && clock is { } c && b <= c.Start)
            {
                w.Error(YamlWalker.Get(m, "by")!, $"'by' of {what} must be after clock.start ({c.Start:yyyy-MM-ddTHH:mm:ssZ})");
            }
            var kinds = ObjectiveKinds.Where(k => YamlWalker.Get(m, k) is not null).ToList();
            if (kinds.Count != 1)
            {
                w.Error(m, $"{what} needs exactly one of: {string.Join(", ", ObjectiveKinds)}{(kinds.Count > 1 ? $" (found {string.Join(", ", kinds)})" : "")}");
                return;
            }
            var body = YamlWalker.Get(m, kinds[0])!;
            Objective? o = kinds[0] switch
            {
                "compliant" => Selector(w, body, $"'compliant' of {what}", fleet, instanceNames) is { } s ? new CompliantObjective(s) { Name = name ?? "" } : null,
                "execution" => ExecutionOf(w, body, what, windows),
                "patchState" => PatchStateOf(w, body, what, instanceNames),
                _ => CountOf(w, body, what, fleet, instanceNames, windows),
            };
            if (name is not null && list.Any(x => x.Name == name))
            {
                w.Error(YamlWalker.Get(m, "name")!, $"objective name '{name}' is used twice; each becomes one JUnit test case");
            }
            if (o is not null)
            {
                list.Add(o with { Name = name ?? "", By = by });
            }
        });
        return list;
    }

    private static InstanceSelector? Selector(YamlWalker w, YamlNode node, string what, List<FleetGroup> fleet, HashSet<string> instanceNames)
    {
        if (w.Mapping(node, what, SelectorKeys) is not { } m)
        {
            return null;
        }
        var tags = w.StringMap(m, "tags", what) ?? [];
        var instances = w.StringList(m, "instances", what) ?? [];
        foreach (var i in instances.Where(i => !instanceNames.Contains(i)))
        {
            w.Error(YamlWalker.Get(m, "instances")!, $"{what} names instance '{i}', which the fleet does not launch ({Known(instanceNames)})");
        }
        if (tags.Count > 0 && !fleet.Any(g => tags.All(t => g.Tags.TryGetValue(t.Key, out var v) && v == t.Value)))
        {
            w.Error(YamlWalker.Get(m, "tags")!, $"{what} selects {string.Join(" and ", tags.Select(t => $"{t.Key}={t.Value}"))}, which no fleet group is tagged with");
        }
        return new InstanceSelector(tags, instances);
    }

    private static ExecutionObjective? ExecutionOf(YamlWalker w, YamlNode node, string what, List<LabWindow> windows)
    {
        if (w.Mapping(node, $"'execution' of {what}", ExecutionKeys) is not { } m)
        {
            return null;
        }
        var window = WindowRef(w, m, $"'execution' of {what}", windows, required: true);
        var status = w.Enum(m, "status", $"'execution' of {what}", WindowStatuses, required: true);
        var maxErrors = w.Bool(m, "stoppedByMaxErrors", $"'execution' of {what}");
        var cutoff = w.Bool(m, "stoppedAtCutoff", $"'execution' of {what}");
        return window is null || status is null ? null : new ExecutionObjective(window, status, maxErrors, cutoff) { Name = "" };
    }

    private static PatchStateObjective? PatchStateOf(YamlWalker w, YamlNode node, string what, HashSet<string> instanceNames)
    {
        if (w.Mapping(node, $"'patchState' of {what}", PatchStateKeys) is not { } m)
        {
            return null;
        }
        var instance = w.String(m, "instance", $"'patchState' of {what}", required: true);
        if (instance is not null && !instanceNames.Contains(instance))
        {
            w.Error(YamlWalker.Get(m, "instance")!, $"'patchState' of {what} names instance '{instance}', which the fleet does not launch ({Known(instanceNames)})");
        }
        var patch = w.String(m, "patch", $"'patchState' of {what}", required: true);
        var state = w.Enum(m, "state", $"'patchState' of {what}", PatchStates, required: true);
        return instance is null || patch is null || state is null ? null : new PatchStateObjective(instance, patch, state) { Name = "" };
    }

    private static CountObjective? CountOf(YamlWalker w, YamlNode node, string what, List<FleetGroup> fleet, HashSet<string> instanceNames, List<LabWindow> windows)
    {
        var where = $"'count' of {what}";
        if (w.Mapping(node, where, CountKeys) is not { } m)
        {
            return null;
        }
        var select = YamlWalker.Get(m, "instances") is { } sel ? Selector(w, sel, $"'instances' of {where}", fleet, instanceNames) : null;
        var window = WindowRef(w, m, where, windows, required: false);
        var compliance = w.Enum(m, "compliance", where, ["COMPLIANT", "NON_COMPLIANT"]);
        var status = w.Enum(m, "invocationStatus", where, InvocationStatuses);
        var o = new CountObjective
        {
            Name = "", Select = select, Window = window, Compliance = compliance, InvocationStatus = status,
            EqualTo = w.Int(m, "equals", where, 0, 10_000), AtLeast = w.Int(m, "atLeast", where, 0, 10_000), AtMost = w.Int(m, "atMost", where, 0, 10_000),
        };
        if (YamlWalker.Has(m, "window") == (YamlWalker.Has(m, "instances") || YamlWalker.Has(m, "compliance")))
        {
            w.Error(m, $"{where} counts either invocations ('window', optional 'invocationStatus') or instances ('instances' and/or 'compliance'), not both or neither");
        }
        if (!YamlWalker.Has(m, "equals") && !YamlWalker.Has(m, "atLeast") && !YamlWalker.Has(m, "atMost"))
        {
            w.Error(m, $"{where} needs a bound: 'equals', 'atLeast' and/or 'atMost'");
        }
        return o;
    }

    private static string? WindowRef(YamlWalker w, YamlMappingNode m, string what, List<LabWindow> windows, bool required)
    {
        var window = w.String(m, "window", what, required);
        if (window is not null && windows.All(x => x.Name != window))
        {
            w.Error(YamlWalker.Get(m, "window")!, $"{what} names window '{window}', which the lab does not define (windows: {Known(windows.Select(x => x.Name))})");
            return null;
        }
        return window;
    }

    private static string Known(IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? "none" : string.Join(", ", list);
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_\-.]{3,128}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9\-]{0,39}$")]
    private static partial Regex FleetNamePattern();

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9 _\-.]{0,79}$")]
    private static partial Regex ObjectiveNamePattern();

    [GeneratedRegex(@"^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$")]
    private static partial Regex ConcurrencyPattern();

    [GeneratedRegex(@"^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$")]
    private static partial Regex ErrorsPattern();
}
