using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Client;
using PatchLab.Contracts;
using PatchLab.Contracts.Lab;

namespace PatchLab.Tui.Models;

/// <summary>
/// <see cref="IDashboardData"/> over the real AWS SDK client (what a trainee's own tools would call) and the emulator's
/// lab API for instance actions. Each section is read on its own: an operation PatchLab does not implement yet answers
/// NotImplementedException, which becomes "not available yet" for that section only. Other AWS errors are shown in
/// their section too; a transport failure (no emulator) fails the whole call.
/// </summary>
public sealed class SsmDashboardData : IDashboardData, IDisposable
{
    /// <summary>The emulator's error code for an operation it does not implement yet.</summary>
    public const string NotImplementedCode = "NotImplementedException";

    private const int PatchStateBatch = 50; // DescribeInstancePatchStates takes at most 50 instance ids
    private const int MaxPages = 20;        // a detail screen shows at most a few thousand rows; stop paging there

    private readonly IAmazonSimpleSystemsManagement _ssm;
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly bool _owns;

    /// <summary>Reads from the emulator at <paramref name="endpoint"/> with its own SDK and HTTP clients.</summary>
    public SsmDashboardData(Uri endpoint)
        : this(SsmClientFactory.Create(endpoint), new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, endpoint, owns: true)
    {
    }

    /// <summary>Reads through <paramref name="ssm"/> and <paramref name="http"/>, which the caller keeps and disposes (tests).</summary>
    public SsmDashboardData(IAmazonSimpleSystemsManagement ssm, HttpClient http, Uri endpoint)
        : this(ssm, http, endpoint, owns: false)
    {
    }

    private SsmDashboardData(IAmazonSimpleSystemsManagement ssm, HttpClient http, Uri endpoint, bool owns)
    {
        ArgumentNullException.ThrowIfNull(ssm);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        _ssm = ssm;
        _http = http;
        _endpoint = endpoint;
        _owns = owns;
    }

    /// <inheritdoc />
    public async Task<InstanceDetail> GetInstanceDetailAsync(string instanceId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        Section<PatchItem> patches = await SectionAsync("DescribeInstancePatches", async () =>
        {
            var items = new List<PatchItem>();
            string? next = null;
            for (int page = 0; page < MaxPages; page++)
            {
                DescribeInstancePatchesResponse r = await _ssm.DescribeInstancePatchesAsync(
                    new DescribeInstancePatchesRequest { InstanceId = instanceId, MaxResults = 100, NextToken = next }, ct).ConfigureAwait(false);
                items.AddRange((r.Patches ?? []).Select(p => ToItem(instanceId, p)));
                next = r.NextToken;
                if (string.IsNullOrEmpty(next))
                {
                    break;
                }
            }

            return items;
        }).ConfigureAwait(false);

        // The first page is the most recent 50: enough for "recent invocations".
        Section<CommandInvocationItem> invocations = await SectionAsync("ListCommandInvocations", async () =>
        {
            ListCommandInvocationsResponse r = await _ssm.ListCommandInvocationsAsync(
                new ListCommandInvocationsRequest { InstanceId = instanceId, Details = true, MaxResults = 50 }, ct).ConfigureAwait(false);
            return (r.CommandInvocations ?? []).Select(ToItem).OrderByDescending(i => i.Requested).ToList();
        }).ConfigureAwait(false);

        return new InstanceDetail(instanceId, patches, invocations);
    }

    /// <inheritdoc />
    public async Task<WindowDetail> GetWindowDetailAsync(string windowId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(windowId);
        Section<WindowTargetItem> targets = await SectionAsync("DescribeMaintenanceWindowTargets", async () =>
        {
            DescribeMaintenanceWindowTargetsResponse r = await _ssm.DescribeMaintenanceWindowTargetsAsync(
                new DescribeMaintenanceWindowTargetsRequest { WindowId = windowId, MaxResults = 100 }, ct).ConfigureAwait(false);
            return (r.Targets ?? []).Select(t => new WindowTargetItem
            {
                WindowTargetId = t.WindowTargetId ?? "",
                Name = t.Name ?? "",
                ResourceType = t.ResourceType?.Value ?? "",
                Targets = ToItems(t.Targets),
                Description = t.Description ?? "",
                OwnerInformation = t.OwnerInformation ?? "",
            }).ToList();
        }).ConfigureAwait(false);

        Section<WindowTaskItem> tasks = await SectionAsync("DescribeMaintenanceWindowTasks", async () =>
        {
            DescribeMaintenanceWindowTasksResponse r = await _ssm.DescribeMaintenanceWindowTasksAsync(
                new DescribeMaintenanceWindowTasksRequest { WindowId = windowId, MaxResults = 100 }, ct).ConfigureAwait(false);
            return (r.Tasks ?? []).Select(t => new WindowTaskItem
            {
                WindowTaskId = t.WindowTaskId ?? "",
                Name = t.Name ?? "",
                TaskArn = t.TaskArn ?? "",
                TaskType = t.Type?.Value ?? "",
                Priority = t.Priority ?? 0,
                MaxConcurrency = t.MaxConcurrency ?? "",
                MaxErrors = t.MaxErrors ?? "",
                Targets = ToItems(t.Targets),
            }).OrderBy(t => t.Priority).ToList();
        }).ConfigureAwait(false);

        Section<WindowExecutionItem> executions = await SectionAsync("DescribeMaintenanceWindowExecutions", async () =>
        {
            DescribeMaintenanceWindowExecutionsResponse r = await _ssm.DescribeMaintenanceWindowExecutionsAsync(
                new DescribeMaintenanceWindowExecutionsRequest { WindowId = windowId, MaxResults = 50 }, ct).ConfigureAwait(false);
            return (r.WindowExecutions ?? []).Select(e => new WindowExecutionItem
            {
                WindowExecutionId = e.WindowExecutionId ?? "",
                Status = e.Status?.Value ?? "",
                StatusDetails = e.StatusDetails ?? "",
                StartTime = Utc(e.StartTime),
                EndTime = Utc(e.EndTime),
            }).OrderByDescending(e => e.StartTime).ToList();
        }).ConfigureAwait(false);

        return new WindowDetail(windowId, targets, tasks, executions);
    }

    /// <inheritdoc />
    public async Task<InvocationOutput> GetInvocationOutputAsync(string commandId, string instanceId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandId);
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        Section<CommandInvocationItem> invocation = await SectionAsync("ListCommandInvocations", async () =>
        {
            ListCommandInvocationsResponse r = await _ssm.ListCommandInvocationsAsync(
                new ListCommandInvocationsRequest { CommandId = commandId, InstanceId = instanceId, Details = true }, ct).ConfigureAwait(false);
            var items = new List<CommandInvocationItem>();
            foreach (CommandInvocationItem item in (r.CommandInvocations ?? []).Select(ToItem))
            {
                // ListCommandInvocations keeps 2,500 characters per plugin, as the console does; GetCommandInvocation
                // has the full stdout and stderr. Fall back to the short output when it cannot be read.
                var plugins = new List<PluginOutputItem>();
                foreach (PluginOutputItem plugin in item.Plugins)
                {
                    plugins.Add(await FullOutputAsync(commandId, instanceId, plugin, ct).ConfigureAwait(false));
                }

                items.Add(item with { Plugins = plugins });
            }

            return items;
        }).ConfigureAwait(false);
        return new InvocationOutput(commandId, instanceId, invocation);
    }

    /// <inheritdoc />
    public async Task<ComplianceData> GetComplianceAsync(IReadOnlyList<string> instanceIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        Section<PatchStateItem> states = await SectionAsync("DescribeInstancePatchStates", async () =>
        {
            var items = new List<PatchStateItem>();
            foreach (string[] batch in instanceIds.Chunk(PatchStateBatch))
            {
                string? next = null;
                for (int page = 0; page < MaxPages; page++)
                {
                    DescribeInstancePatchStatesResponse r = await _ssm.DescribeInstancePatchStatesAsync(
                        new DescribeInstancePatchStatesRequest { InstanceIds = [.. batch], MaxResults = 50, NextToken = next }, ct).ConfigureAwait(false);
                    items.AddRange((r.InstancePatchStates ?? []).Select(ToItem));
                    next = r.NextToken;
                    if (string.IsNullOrEmpty(next))
                    {
                        break;
                    }
                }
            }

            return items;
        }).ConfigureAwait(false);

        // Only instances that report missing or failed patches can have any: one DescribeInstancePatches call each.
        Section<PatchItem> patches = states.IsAvailable
            ? await SectionAsync("DescribeInstancePatches", async () =>
            {
                var items = new List<PatchItem>();
                foreach (PatchStateItem state in states.Items.Where(s => s.Missing + s.Failed > 0))
                {
                    string? next = null;
                    for (int page = 0; page < MaxPages; page++)
                    {
                        DescribeInstancePatchesResponse r = await _ssm.DescribeInstancePatchesAsync(new DescribeInstancePatchesRequest
                        {
                            InstanceId = state.InstanceId,
                            Filters = [new PatchOrchestratorFilter { Key = "State", Values = ["Missing", "Failed"] }],
                            MaxResults = 100,
                            NextToken = next,
                        }, ct).ConfigureAwait(false);
                        items.AddRange((r.Patches ?? []).Select(p => ToItem(state.InstanceId, p)));
                        next = r.NextToken;
                        if (string.IsNullOrEmpty(next))
                        {
                            break;
                        }
                    }
                }

                return items;
            }).ConfigureAwait(false)
            : new Section<PatchItem>([], states.Unavailable);

        return new ComplianceData(states, patches);
    }

    /// <inheritdoc />
    public async Task<FaultDto> InjectFaultAsync(FaultSpec spec, CancellationToken ct)
    {
        using var lab = new LabClient(_endpoint, _http); // borrows the HTTP client, does not dispose it
        return await lab.InjectFaultAsync(spec, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RunInstanceActionAsync(string instanceId, InstanceAction action, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        using HttpResponseMessage response = await _http.PostAsync(new Uri(_endpoint, ActionPath(instanceId, action)), null, ct).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        LabError? error = null;
        try
        {
            error = JsonSerializer.Deserialize(text, PatchLabJsonContext.Default.LabError);
        }
        catch (JsonException)
        {
            // Not the AWS error shape: the raw text is the message.
        }

        throw new LabApiException(
            string.IsNullOrEmpty(error?.Type) ? "HTTP" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) : error.Type,
            string.IsNullOrEmpty(error?.Message) ? text : error.Message);
    }

    /// <summary>The lab API path of an instance action: /patchlab/v1/instances/{id}/reboot|stop|start|terminate.</summary>
    public static string ActionPath(string instanceId, InstanceAction action) => LabApi.InstanceAction(instanceId, action.ToString().ToLowerInvariant());

    /// <inheritdoc />
    public void Dispose()
    {
        if (_owns)
        {
            _ssm.Dispose();
            _http.Dispose();
        }
    }

    private async Task<PluginOutputItem> FullOutputAsync(string commandId, string instanceId, PluginOutputItem plugin, CancellationToken ct)
    {
        try
        {
            GetCommandInvocationResponse r = await _ssm.GetCommandInvocationAsync(
                new GetCommandInvocationRequest { CommandId = commandId, InstanceId = instanceId, PluginName = plugin.Name }, ct).ConfigureAwait(false);
            return plugin with { Output = r.StandardOutputContent ?? "", Error = r.StandardErrorContent ?? "", ResponseCode = r.ResponseCode ?? plugin.ResponseCode };
        }
        catch (AmazonServiceException)
        {
            return plugin;
        }
    }

    private static async Task<Section<T>> SectionAsync<T>(string operation, Func<Task<List<T>>> read)
    {
        try
        {
            return new Section<T>((await read().ConfigureAwait(false)).ToImmutableArray());
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == NotImplementedCode)
        {
            return new Section<T>([], $"not available yet: the emulator does not implement {operation}");
        }
        catch (AmazonServiceException ex) when (!string.IsNullOrEmpty(ex.ErrorCode))
        {
            // An AWS error answer (bad id, validation): shown in the section. Transport failures are left to the caller.
            return new Section<T>([], $"✗ {operation}: {ex.ErrorCode}: {ex.Message}");
        }
    }

    private static PatchItem ToItem(string instanceId, PatchComplianceData p) => new()
    {
        InstanceId = instanceId,
        Title = p.Title ?? "",
        KbId = p.KBId ?? "",
        Classification = p.Classification ?? "",
        Severity = p.Severity ?? "",
        State = PatchState(p.State?.Value),
        InstalledTime = Utc(p.InstalledTime) is { } t && t > DateTimeOffset.UnixEpoch ? t : null, // 0 (the epoch) means not installed
        CveIds = p.CVEIds ?? "",
    };

    // The SDK's enum for patch states is spelled MISSING, INSTALLED_OTHER …; the service (and the emulator) answer
    // Missing, InstalledOther … and the SDK maps those onto its constants. Show the service's spelling (reference 6.1).
    private static string PatchState(string? state) => state switch
    {
        null => "",
        "INSTALLED" => "Installed",
        "INSTALLED_OTHER" => "InstalledOther",
        "INSTALLED_PENDING_REBOOT" => "InstalledPendingReboot",
        "INSTALLED_REJECTED" => "InstalledRejected",
        "MISSING" => "Missing",
        "NOT_APPLICABLE" => "NotApplicable",
        "FAILED" => "Failed",
        "AVAILABLE_SECURITY_UPDATE" => "AvailableSecurityUpdate",
        _ => state,
    };

    internal static CommandInvocationItem ToItem(CommandInvocation i) => new()
    {
        CommandId = i.CommandId ?? "",
        InstanceId = i.InstanceId ?? "",
        DocumentName = i.DocumentName ?? "",
        Comment = i.Comment ?? "",
        Requested = Utc(i.RequestedDateTime),
        Status = i.Status?.Value ?? "",
        StatusDetails = i.StatusDetails ?? "",
        Plugins = (i.CommandPlugins ?? []).Select(p => new PluginOutputItem
        {
            Name = p.Name ?? "",
            Status = p.Status?.Value ?? "",
            ResponseCode = p.ResponseCode,
            Output = p.Output ?? "",
        }).ToImmutableArray(),
    };

    private static PatchStateItem ToItem(InstancePatchState s) => new()
    {
        InstanceId = s.InstanceId ?? "",
        PatchGroup = s.PatchGroup ?? "",
        BaselineId = s.BaselineId ?? "",
        Operation = s.Operation?.Value ?? "",
        OperationEndTime = Utc(s.OperationEndTime),
        Installed = s.InstalledCount ?? 0,
        InstalledOther = s.InstalledOtherCount ?? 0,
        InstalledPendingReboot = s.InstalledPendingRebootCount ?? 0,
        InstalledRejected = s.InstalledRejectedCount ?? 0,
        Missing = s.MissingCount ?? 0,
        Failed = s.FailedCount ?? 0,
        NotApplicable = s.NotApplicableCount ?? 0,
        CriticalNonCompliant = s.CriticalNonCompliantCount ?? 0,
        SecurityNonCompliant = s.SecurityNonCompliantCount ?? 0,
        OtherNonCompliant = s.OtherNonCompliantCount ?? 0,
    };

    private static ImmutableArray<TargetItem> ToItems(List<Target>? targets) =>
        (targets ?? []).Select(t => new TargetItem(t.Key ?? "", (t.Values ?? []).ToImmutableArray())).ToImmutableArray();

    private static DateTimeOffset? Utc(DateTime? time) => Render.Format.Utc(time);
}
