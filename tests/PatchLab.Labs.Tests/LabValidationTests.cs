using PatchLab.Domain.Baselines;
using PatchLab.Domain.Scheduling;
using PatchLab.Labs.Loading;

namespace PatchLab.Labs.Tests;

/// <summary>Invalid lab files are refused with every problem as file:line:column: what was expected (issue 7).</summary>
public sealed class LabValidationTests
{
    private const string Valid = """
        name: t-lab
        clock:
          start: 2026-11-29T00:00:00Z
        until: 2026-11-30T00:00:00Z
        fleet:
          - name: prod
            count: 2
            tags: { Environment: Production }
        windows:
          - name: Weekly
            schedule: cron(0 2 ? * SUN *)
            duration: 2
            cutoff: 1
            targets:
              - name: prod-target
                tags: { Environment: Production }
            tasks:
              - name: Patch
                document: AWS-RunPatchBaseline
                targets: [prod-target]
                parameters: { Operation: Install }
        objectives:
          - name: ok
            execution: { window: Weekly, status: SUCCESS }
        """;

    private static List<string> Errors(string yaml)
    {
        try
        {
            LabLoader.Parse(yaml, "t.yaml");
            return [];
        }
        catch (LabLoadException e)
        {
            return [.. e.Diagnostics.Select(d => d.ToString())];
        }
    }

    /// <summary>Replaces one line of <see cref="Valid"/> (1-based) with <paramref name="text"/>; line numbers of the rest stay put.</summary>
    private static string With(int line, string text)
    {
        var lines = Valid.Split('\n');
        lines[line - 1] = text;
        return string.Join('\n', lines);
    }

    [Fact]
    public void Parse_AcceptsTheBaseLab_AndResolvesItsNames()
    {
        var lab = LabLoader.Parse(Valid, "t.yaml");
        Assert.Equal("t-lab", lab.Name);
        Assert.Equal(["prod-1", "prod-2"], lab.InstanceNames);
        Assert.Equal(60, lab.Clock.Speed);
        Assert.True(lab.Clock.FastForward);
        var task = lab.Windows.Single().Tasks.Single();
        Assert.Equal(("AWS-RunPatchBaseline", "1", "1", "CONTINUE_TASK"), (task.Document, task.MaxConcurrency, task.MaxErrors, task.CutoffBehavior));
    }

    public static TheoryData<string, string[]> Cases => new()
    {
        // Unknown keys are named with the keys that are allowed, at the key itself.
        { With(20, "        targts: [prod-target]"), [
            "t.yaml:18:9: task 'Patch' of window 'Weekly' needs 'targets'",
            "t.yaml:20:9: unknown key 'targts' in a task of window 'Weekly'; expected one of: name, document, targets, priority, maxConcurrency, maxErrors, cutoffBehavior, timeoutSeconds, parameters",
        ] },
        // Wrong types point at the value.
        { With(7, "    count: many"), ["t.yaml:7:12: 'count' of a fleet group must be an integer from 1 to 20, found 'many'"] },
        { With(12, "    duration: 25"), ["t.yaml:12:15: 'duration' of window 'Weekly' must be an integer from 1 to 24, found '25'"] },
        { With(8, "    tags: Production"), ["t.yaml:8:11: 'tags' of a fleet group must be a mapping of Key: Value, found 'Production'"] },
        // Bad enum values list the valid ones.
        { With(19, "        document: AWS-RunPatchBaselin"), ["t.yaml:19:19: 'document' of task 'Patch' of window 'Weekly' must be one of: AWS-RunPatchBaseline, AWS-RunShellScript; found 'AWS-RunPatchBaselin'"] },
        { With(24, "    execution: { window: Weekly, status: DONE }"), ["t.yaml:24:42: 'status' of 'execution' of objective 'ok' must be one of: SUCCESS, FAILED, TIMED_OUT, CANCELLED, SKIPPED_OVERLAPPING; found 'DONE'"] },
        // The seed's own mistakes: Classification is no parameter of AWS-RunPatchBaseline.
        { With(21, "        parameters: { Operation: Install, Classification: [Critical, Security] }"), ["t.yaml:21:21: AWS-RunPatchBaseline has no parameter 'Classification'; its parameters are: Operation, RebootOption, SnapshotId, InstallOverrideList, BaselineOverride"] },
        { With(21, "        parameters: { Operation: Patch }"), ["t.yaml:21:21: parameter 'Operation' must be one of: Scan, Install; found 'Patch'"] },
        // Cutoff must be smaller than Duration (AWS: "Cuttoff was 2 but must be smaller than 2").
        { With(13, "    cutoff: 2"), ["t.yaml:13:13: 'cutoff' of window 'Weekly' must be smaller than 'duration' (2 >= 2): no task starts in the last cutoff hours"] },
        // Names that refer to nothing.
        { With(20, "        targets: [prod-targets]"), ["t.yaml:20:18: task 'Patch' of window 'Weekly' names target 'prod-targets', which window 'Weekly' does not define (targets: prod-target)"] },
        { With(24, "    execution: { window: Weekl, status: SUCCESS }"), ["t.yaml:24:26: 'execution' of objective 'ok' names window 'Weekl', which the lab does not define (windows: Weekly)"] },
        { With(24, "    patchState: { instance: prod-3, patch: kernel, state: InstalledPendingReboot }"), ["t.yaml:24:29: 'patchState' of objective 'ok' names instance 'prod-3', which the fleet does not launch (prod-1, prod-2)"] },
        { With(24, "    compliant: { tags: { Environment: Prod } }"), ["t.yaml:24:24: 'compliant' of objective 'ok' selects Environment=Prod, which no fleet group is tagged with"] },
        // Instants need a zone.
        { With(3, "  start: 2026-11-29 00:00"), ["t.yaml:3:10: 'start' of clock must be an ISO-8601 instant with a zone, e.g. 2026-12-06T02:00:00Z; found '2026-11-29 00:00'"] },
        { With(4, "until: 2026-11-28T00:00:00Z"), ["t.yaml:4:8: 'until' (2026-11-28T00:00:00Z) must be after clock.start (2026-11-29T00:00:00Z)"] },
        // An objective is exactly one check.
        { With(24, "    by: 2026-11-29T04:00:00Z"), ["t.yaml:23:5: objective 'ok' needs exactly one of: compliant, execution, patchState, count"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parse_ReportsFileLineColumnAndWhatWasExpected(string yaml, string[] expected) =>
        Assert.Equal(expected, Errors(yaml));

    [Fact]
    public void Parse_ReportsEveryProblem_NotJustTheFirst_InFileOrder()
    {
        var yaml = """
            name: x
            clok:
              start: 2026-11-29T00:00:00Z
            fleet:
              - name: prod
                count: 0
                os: Windows95
            """;
        Assert.Equal([
            "t.yaml:1:1: the lab needs 'clock' with at least 'start' (an ISO-8601 instant, e.g. 2026-11-29T00:00:00Z)",
            "t.yaml:1:1: the lab needs 'until' (when a headless run ends) or at least one objective with 'by'",
            "t.yaml:1:7: 'name' of the lab must be 3-128 letters, digits, '-', '_' or '.', found 'x'",
            "t.yaml:2:1: unknown key 'clok' in the lab; expected one of: name, description, clock, until, fleet, baselines, windows, faults, objectives",
            "t.yaml:6:12: 'count' of a fleet group must be an integer from 1 to 20, found '0'",
            "t.yaml:7:9: 'os' of a fleet group must be one of: AmazonLinux2, AmazonLinux2023, Ubuntu2204, Debian12, WindowsServer2022; found 'Windows95'",
        ], Errors(yaml));
    }

    [Fact]
    public void Parse_ChecksSchedulesWithAwsSchedule()
    {
        var errors = Errors(With(11, "    schedule: cron(0 2 * * SUN *)"));
        Assert.False(AwsSchedule.TryParse("cron(0 2 * * SUN *)", null, null, out _, out var why));
        Assert.Equal([$"t.yaml:11:15: 'schedule' of window 'Weekly' is not a valid maintenance window schedule: {why}"], errors);
    }

    [Fact]
    public void Parse_ChecksBaselineRulesWithBaselineValidator()
    {
        var yaml = Valid.Replace("windows:", """
            baselines:
              - name: Critical-Only
                approvalRules:
                  - filters: { CLASSIFICATION: Security, SEVERITY: Urgent }
                    approveAfterDays: 7
            windows:
            """, StringComparison.Ordinal);
        var why = BaselineValidator.CheckFilter("AMAZON_LINUX_2", new PatchFilter("SEVERITY", ["Urgent"]));
        Assert.NotNull(why);
        Assert.Equal([$"t.yaml:12:7: baseline 'Critical-Only': {why}"], Errors(yaml));
    }

    [Fact]
    public void Parse_RefusesYamlThatDoesNotParse_WithThePosition()
    {
        var errors = Errors("name: t-lab\nclock: { start: 2026-11-29T00:00:00Z\n");
        var e = Assert.Single(errors);
        Assert.StartsWith("t.yaml:3:1: not valid YAML:", e, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RefusesAnEmptyFile() =>
        Assert.Equal(["t.yaml:1:1: the file is empty; expected a lab (a mapping with keys name, description, clock, until, fleet, baselines, windows, faults, objectives)"], Errors(""));

    [Fact]
    public void Parse_MapsFaultsOneToOneOntoFaultSpec()
    {
        var yaml = Valid.Replace("objectives:", """
            faults:
              - kind: patch-install-failure
                targets: [prod-1, "tag:Environment=Production"]
                random: 1
                seed: 42
                patch: sudo
                at: 2026-11-29T01:00:00Z
                duration: 90m
              - kind: reboot-storm
            objectives:
            """, StringComparison.Ordinal);
        var errors = Errors(yaml);
        Assert.Equal(["t.yaml:30:11: 'kind' of a fault must be one of: patch-install-failure, agent-crash, offline, slow-reboot, disk-full, engine-restart; found 'reboot-storm'"], errors);
        var lab = LabLoader.Parse(yaml.Replace("  - kind: reboot-storm\n", "", StringComparison.Ordinal), "t.yaml");
        var f = Assert.Single(lab.Faults);
        Assert.Equal(("patch-install-failure", 1, 42, "sudo"), (f.Kind, f.Random, f.Seed, f.Patch));
        Assert.Equal(["prod-1", "tag:Environment=Production"], f.Targets);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 1, 0, 0, TimeSpan.Zero), f.At);
        Assert.Equal(TimeSpan.FromMinutes(90), f.Duration);
    }
}
