using PatchLab.Tui.Models;
using PatchLab.Tui.Render;

namespace PatchLab.Tui.Views;

/// <summary>
/// The dashboard's changes to SSM resources: the forms (create and edit windows and baselines, register targets and
/// tasks, send a command) and the confirmed deletions and cancellations. Each sends one SDK request through
/// <see cref="IScreenHost.Ssm"/> and shows the emulator's answer.
/// </summary>
internal static class Forms
{
    private const string TargetsHint = "Key=Value1,Value2; several with ';' — tag:Env=prod, InstanceIds=i-1,i-2";
    private const string ParametersHint = "Name=value; Name2=value — Operation=Install; RebootOption=NoReboot / commands=uptime";

    public static FormScreen CreateWindow(IScreenHost host) => new(host, "Create maintenance window", WindowFields(null),
        async (ssm, v, ct) => $"✓ window created: {await ssm.CreateMaintenanceWindowAsync(FormRequests.CreateWindow(v), ct).ConfigureAwait(false)}");

    /// <summary>
    /// Reads the window (GetMaintenanceWindow: its description, dates and offset too, which the list does not carry), then
    /// opens the edit form filled with it, Replace off.
    /// </summary>
    public static void OpenEditWindow(IScreenHost host, string windowId) =>
        LoadThenOpen(host, "edit window", async (ssm, ct) =>
        {
            Dictionary<string, string> v = FormRequests.WindowValues(await ssm.GetMaintenanceWindowAsync(windowId, ct).ConfigureAwait(false));
            return () => new FormScreen(host, $"Edit window {(v["Name"].Length > 0 ? v["Name"] : windowId)}", WindowFields(v),
                async (s, values, ct) =>
                {
                    await s.UpdateMaintenanceWindowAsync(FormRequests.UpdateWindow(windowId, values), ct).ConfigureAwait(false);
                    return $"✓ window updated: {windowId}";
                });
        });

    public static void AskDeleteWindow(IScreenHost host, string windowId, string name) =>
        AskThen(host, $"? delete window {name} ({windowId})", "delete window", async (ssm, ct) =>
        {
            await ssm.DeleteMaintenanceWindowAsync(windowId, ct).ConfigureAwait(false);
            return $"✓ window deleted: {windowId}";
        });

    public static FormScreen RegisterTarget(IScreenHost host, string windowId) => new(host, $"Register target with {windowId}",
        [
            new FormField("Name", "Name", "", "a name for the target (optional)"),
            new FormField("Targets", "Targets", "tag:Patch Group=web", TargetsHint),
            new FormField("Description", "Description"),
        ],
        async (ssm, v, ct) => $"✓ target registered: {await ssm.RegisterTargetAsync(FormRequests.RegisterTarget(windowId, v), ct).ConfigureAwait(false)}");

    public static FormScreen RegisterTask(IScreenHost host, string windowId, IReadOnlyList<string> windowTargetIds) => new(host,
        $"Register RUN_COMMAND task with {windowId}",
        [
            new FormField("Name", "Name", "", "a name for the task (optional)"),
            new FormField("Document", "Document", "AWS-RunPatchBaseline", "AWS-RunPatchBaseline or AWS-RunShellScript"),
            new FormField("Targets", "Targets", windowTargetIds.Count == 0 ? "" : "WindowTargetIds=" + string.Join(",", windowTargetIds), TargetsHint),
            new FormField("Parameters", "Parameters", "Operation=Install; RebootOption=RebootIfNeeded", ParametersHint),
            new FormField("MaxConcurrency", "MaxConcurrency", "1", "instances at a time: 10 or 25%"),
            new FormField("MaxErrors", "MaxErrors", "0", "errors before the rest are skipped: 1 or 10%"),
            new FormField("Priority", "Priority", "1", "0 runs first; equal priorities run together"),
        ],
        async (ssm, v, ct) => $"✓ task registered: {await ssm.RegisterTaskAsync(FormRequests.RegisterTask(windowId, v), ct).ConfigureAwait(false)}");

    public static FormScreen UpdateTarget(IScreenHost host, string windowId, WindowTargetItem target)
    {
        Dictionary<string, string> values = FormRequests.TargetValues(target);
        return new(host, $"Update target {(string.IsNullOrEmpty(target.Name) ? target.WindowTargetId : target.Name)}",
            [
                new FormField("Name", "Name", values["Name"], "a name for the target; " + KeepOrClear),
                new FormField("Targets", "Targets", values["Targets"], TargetsHint + " (required with Replace)"),
                new FormField("Owner", "Owner information", values["Owner"], "free text sent with each task; " + KeepOrClear),
                new FormField("Description", "Description", values["Description"], KeepOrClear),
                ReplaceField(values["Replace"]),
            ],
            async (ssm, v, ct) =>
            {
                await ssm.UpdateTargetAsync(FormRequests.UpdateTarget(windowId, target.WindowTargetId, v), ct).ConfigureAwait(false);
                return $"✓ target updated: {target.WindowTargetId}";
            });
    }

    /// <summary>Reads the task (GetMaintenanceWindowTask, for its parameters), then opens the update form filled with it.</summary>
    public static void OpenUpdateTask(IScreenHost host, string windowId, string windowTaskId) =>
        LoadThenOpen(host, "update task", async (ssm, ct) =>
        {
            Dictionary<string, string> v = FormRequests.TaskValues(await ssm.GetTaskAsync(windowId, windowTaskId, ct).ConfigureAwait(false));
            return () => new FormScreen(host, $"Update task {(v["Name"].Length > 0 ? v["Name"] : windowTaskId)}",
                [
                    new FormField("Name", "Name", v["Name"], "a name for the task; " + KeepOrClear),
                    new FormField("Document", "Document", v["Document"], "AWS-RunPatchBaseline or AWS-RunShellScript (required with Replace)"),
                    new FormField("Targets", "Targets", v["Targets"], TargetsHint),
                    new FormField("Parameters", "Parameters", v["Parameters"], ParametersHint),
                    new FormField("MaxConcurrency", "MaxConcurrency", v["MaxConcurrency"], "instances at a time: 10 or 25%"),
                    new FormField("MaxErrors", "MaxErrors", v["MaxErrors"], "errors before the rest are skipped: 1 or 10%"),
                    new FormField("Priority", "Priority", v["Priority"], "0 runs first; equal priorities run together; " + KeepOrClear),
                    new FormField("Description", "Description", v["Description"], KeepOrClear),
                    ReplaceField(v["Replace"]),
                ],
                async (s, values, ct) =>
                {
                    await s.UpdateTaskAsync(FormRequests.UpdateTask(windowId, windowTaskId, values), ct).ConfigureAwait(false);
                    return $"✓ task updated: {windowTaskId}";
                });
        });

    /// <summary>
    /// Reads what a form edits (one SSM call, off the UI thread), then opens the form on the UI thread; a read that fails
    /// is a flash ("✗ <paramref name="label"/>: …"), never a crash.
    /// </summary>
    private static void LoadThenOpen(IScreenHost host, string label, Func<ISsmConsole, CancellationToken, Task<Func<FormScreen>>> load)
    {
        if (host.Ssm is not { } ssm)
        {
            host.Flash("✗ " + SsmSections.NoEndpoint);
            return;
        }

        _ = LoadAsync();

        async Task LoadAsync()
        {
            try
            {
                Func<FormScreen> form = await load(ssm, host.Stopping).ConfigureAwait(false);
                host.Post(() => host.Open(form()));
            }
            catch (OperationCanceledException) when (host.Stopping.IsCancellationRequested)
            {
                // Quitting.
            }
#pragma warning disable CA1031 // What cannot be read is a flash, never a crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                host.Post(() => host.Flash($"✗ {label}: {Format.FirstLine(ex.Message)}"));
            }
        }
    }

    public static void AskDeregisterTarget(IScreenHost host, string windowId, string windowTargetId) =>
        AskThen(host, $"? deregister target {windowTargetId}", "deregister target", async (ssm, ct) =>
        {
            await ssm.DeregisterTargetAsync(windowId, windowTargetId, ct).ConfigureAwait(false);
            return $"✓ target deregistered: {windowTargetId}";
        });

    public static void AskDeregisterTask(IScreenHost host, string windowId, string windowTaskId) =>
        AskThen(host, $"? deregister task {windowTaskId}", "deregister task", async (ssm, ct) =>
        {
            await ssm.DeregisterTaskAsync(windowId, windowTaskId, ct).ConfigureAwait(false);
            return $"✓ task deregistered: {windowTaskId}";
        });

    public static FormScreen CreateBaseline(IScreenHost host) => new(host, "Create patch baseline", BaselineFields(null, editing: false, rules: 1),
        async (ssm, v, ct) => $"✓ baseline created: {await ssm.CreatePatchBaselineAsync(FormRequests.CreateBaseline(v), ct).ConfigureAwait(false)}");

    /// <summary>Reads the baseline (GetPatchBaseline), then opens the edit form filled with it.</summary>
    public static void OpenEditBaseline(IScreenHost host, string baselineId)
    {
        if (host.Ssm is not { } ssm)
        {
            host.Flash("✗ " + SsmSections.NoEndpoint);
            return;
        }

        _ = LoadAsync();

        async Task LoadAsync()
        {
            try
            {
                var baseline = await ssm.GetPatchBaselineAsync(baselineId, host.Stopping).ConfigureAwait(false);
                Dictionary<string, string> values = FormRequests.BaselineValues(baseline);
                string? os = baseline.OperatingSystem?.Value;
                int rules = baseline.ApprovalRules?.PatchRules?.Count ?? 0;
                host.Post(() => host.Open(new FormScreen(host, $"Edit baseline {baseline.Name}", BaselineFields(values, editing: true, rules),
                    async (s, v, ct) =>
                    {
                        await s.UpdatePatchBaselineAsync(FormRequests.UpdateBaseline(baselineId, os, v), ct).ConfigureAwait(false);
                        return $"✓ baseline updated: {Format.Baseline(baselineId)}";
                    })));
            }
            catch (OperationCanceledException) when (host.Stopping.IsCancellationRequested)
            {
                // Quitting.
            }
#pragma warning disable CA1031 // A baseline that cannot be read is a flash, never a crash.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                host.Post(() => host.Flash($"✗ edit baseline: {Format.FirstLine(ex.Message)}"));
            }
        }
    }

    public static void AskDeleteBaseline(IScreenHost host, string baselineId) =>
        AskThen(host, $"? delete baseline {Format.Baseline(baselineId)}", "delete baseline", async (ssm, ct) =>
        {
            await ssm.DeletePatchBaselineAsync(baselineId, ct).ConfigureAwait(false);
            return $"✓ baseline deleted: {Format.Baseline(baselineId)}";
        });

    public static FormScreen RegisterPatchGroup(IScreenHost host, string baselineId) => new(host,
        $"Assign baseline {Format.Baseline(baselineId)} to a patch group",
        [new FormField("PatchGroup", "Patch group", "", "the instances' Patch Group tag value, e.g. web; one baseline per group and OS")],
        async (ssm, v, ct) =>
        {
            var request = FormRequests.RegisterPatchGroup(baselineId, v);
            await ssm.RegisterPatchGroupAsync(request, ct).ConfigureAwait(false);
            return $"✓ patch group {request.PatchGroup} uses {Format.Baseline(baselineId)}";
        });

    public static FormScreen DeregisterPatchGroup(IScreenHost host, string baselineId, string group) => new(host,
        $"Take a patch group off baseline {Format.Baseline(baselineId)}",
        [new FormField("PatchGroup", "Patch group", group, "a group that uses this baseline; it falls back to the default baseline")],
        async (ssm, v, ct) =>
        {
            var request = FormRequests.DeregisterPatchGroup(baselineId, v);
            await ssm.DeregisterPatchGroupAsync(request, ct).ConfigureAwait(false);
            return $"✓ patch group {request.PatchGroup} no longer uses {Format.Baseline(baselineId)}";
        });

    public static void AskSetDefaultBaseline(IScreenHost host, string baselineId) =>
        AskThen(host, $"? make {Format.Baseline(baselineId)} the default baseline for its operating system", "set default baseline", async (ssm, ct) =>
        {
            await ssm.RegisterDefaultBaselineAsync(baselineId, ct).ConfigureAwait(false);
            return $"✓ default baseline: {Format.Baseline(baselineId)}";
        });

    public static FormScreen SendCommand(IScreenHost host) => new(host, "Send command",
        [
            new FormField("Document", "Document", "AWS-RunShellScript", "AWS-RunShellScript or AWS-RunPatchBaseline"),
            new FormField("Targets", "Targets (tags)", "", TargetsHint + " (or fill Instance ids)"),
            new FormField("InstanceIds", "Instance ids", "", "i-1,i-2 (or fill Targets)"),
            new FormField("Parameters", "Parameters", "commands=uptime", ParametersHint),
            new FormField("MaxConcurrency", "MaxConcurrency", "50", "instances at a time: 10 or 25%"),
            new FormField("MaxErrors", "MaxErrors", "0", "errors before the rest are skipped: 1 or 10%"),
            new FormField("Comment", "Comment"),
        ],
        async (ssm, v, ct) => $"✓ command sent: {Format.ShortId(await ssm.SendCommandAsync(FormRequests.SendCommand(v), ct).ConfigureAwait(false))}");

    public static void AskCancelExecution(IScreenHost host, string windowExecutionId) =>
        AskThen(host, $"? cancel window execution {Format.ShortId(windowExecutionId)}", "cancel execution", async (ssm, ct) =>
        {
            await ssm.CancelMaintenanceWindowExecutionAsync(windowExecutionId, ct).ConfigureAwait(false);
            return $"✓ cancel requested: execution {Format.ShortId(windowExecutionId)}";
        });

    private static void AskThen(IScreenHost host, string question, string label, Func<ISsmConsole, CancellationToken, Task<string>> action)
    {
        if (host.Ssm is not { } ssm)
        {
            host.Flash("✗ " + SsmSections.NoEndpoint);
            return;
        }

        host.Confirm(question + ": y to confirm, any other key cancels", () => host.RunAction(label, ct => action(ssm, ct)));
    }

    /// <summary>The window form: creating, its defaults; editing (<paramref name="w"/> from <see cref="FormRequests.WindowValues"/>), every field the window has, Enabled and Replace.</summary>
    private static FormField[] WindowFields(IReadOnlyDictionary<string, string>? w) =>
    [
        new("Name", "Name", w?["Name"] ?? "", "3-128 characters: letters, digits, - _ ."),
        new("Schedule", "Schedule", w?["Schedule"] ?? "cron(0 2 ? * SUN *)", "cron(min hour day month weekday year), rate(1 day), at(2026-12-01T02:00:00)"),
        new("Duration", "Duration (hours)", w?["Duration"] ?? "2", "1-24 hours"),
        new("Cutoff", "Cutoff (hours)", w?["Cutoff"] ?? "1", "0-23 hours before the end: no new task starts after it"),
        new("Timezone", "Time zone", w?["Timezone"] ?? "", "IANA name, e.g. Europe/Paris; empty for UTC"),
        new("AllowUnassociated", "Allow unassoc.", w?["AllowUnassociated"] ?? "no", "yes: tasks may target instances not registered as targets"),
        .. w is null ? Array.Empty<FormField>() :
        [
            new FormField("Enabled", "Enabled", w["Enabled"], "yes or no"),
            new FormField("StartDate", "Start date", w["StartDate"], "ISO 8601, e.g. 2026-12-01T00:00:00Z: no run before it; " + KeepOrClear),
            new FormField("EndDate", "End date", w["EndDate"], "ISO 8601, e.g. 2027-06-30T00:00:00Z: no run after it; " + KeepOrClear),
            new FormField("ScheduleOffset", "Schedule offset", w["ScheduleOffset"], "1-6 days after the cron day; " + KeepOrClear),
        ],
        new("Description", "Description", w?["Description"] ?? "", w is null ? "optional" : KeepOrClear),
        .. w is null ? Array.Empty<FormField>() : [ReplaceField(w["Replace"])],
    ];

    /// <summary>The update forms' Replace field (Ctrl+R toggles it): yes sends Replace=true.</summary>
    private static FormField ReplaceField(string value) => new(FormScreen.ReplaceKey, "Replace", value, "yes/no (Ctrl+R): yes clears empty optional fields, needs every required one");

    private const string KeepOrClear = "empty keeps it (Replace=yes: empty clears it)";

    /// <summary>
    /// The baseline form. Creating, the first approval rule has a field per part (the common case) and a "Rule 2" line
    /// adds another. Editing, every rule the baseline has is one line (filters, approval delay or date, compliance level:
    /// nothing is lost on the way back) plus an empty line to add one; emptying a line removes its rule.
    /// </summary>
    private static FormField[] BaselineFields(IReadOnlyDictionary<string, string>? b, bool editing, int rules)
    {
        string Value(string key, string fallback) => b is null ? fallback : b.GetValueOrDefault(key, "");
        FormField[] simpleRule = editing ? [] :
        [
            new("Classification", "Classification", Value("Classification", "Security,Bugfix"), "rule filter, comma separated: Security,Bugfix / CriticalUpdates,SecurityUpdates"),
            new("Severity", "Severity", Value("Severity", "Critical,Important"), "rule filter, comma separated: Critical,Important,Medium,Low"),
            new("ApproveAfterDays", "Approve after days", Value("ApproveAfterDays", "7"), "0-360 days after release"),
            new("ComplianceLevel", "Compliance level", Value("ComplianceLevel", "CRITICAL"), "CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL, UNSPECIFIED"),
        ];
        int first = editing ? 1 : 2; // creating, rule 1 is the fields above
        FormField[] ruleLines = [.. Enumerable.Range(first, Math.Max(0, rules - first + 1) + 1).Select(n => new FormField(
            FormRequests.RuleKey(n), $"Rule {n}", Value(FormRequests.RuleKey(n), ""), RuleHint))];
        return
        [
            new("Name", "Name", Value("Name", ""), "3-128 characters: letters, digits, - _ ."),
            .. editing ? Array.Empty<FormField>() : [new FormField("OperatingSystem", "Operating system", Value("OperatingSystem", "AMAZON_LINUX_2023"),
                "AMAZON_LINUX_2023, UBUNTU, REDHAT_ENTERPRISE_LINUX, WINDOWS, …")],
            .. simpleRule,
            .. editing ? ruleLines : [],
            new("Approved", "Approved patches", Value("Approved", ""), "comma separated names or KB ids, always approved"),
            new("Rejected", "Rejected patches", Value("Rejected", ""), "comma separated names or KB ids, never installed"),
            new("Description", "Description", Value("Description", ""), "optional"),
            new("GlobalFilters", "Global filters", Value("GlobalFilters", ""), "filters every rule sees first: PRODUCT=AmazonLinux2023; CLASSIFICATION=Security"),
            .. editing ? [] : ruleLines,
        ];
    }

    private const string RuleHint = "KEY=V1,V2; … ApproveAfterDays=7 (or ApproveUntilDate=2026-12-31); ComplianceLevel=HIGH; empty: no rule";
}
