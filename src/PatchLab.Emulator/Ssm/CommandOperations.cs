using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>Reading Run Command results (reference 3.4); SendCommand and CancelCommand are <see cref="RunCommandOperations"/>.</summary>
internal sealed class CommandOperations(CommandRepository commands, InstanceRepository instances) : ISsmOperations
{
    private const string UuidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    private const string InstanceIdPattern = @"(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)";

    public void Register(SsmRouter router)
    {
        router.Add("ListCommands", ListCommands);
        router.Add("ListCommandInvocations", ListCommandInvocations);
        router.Add("GetCommandInvocation", GetCommandInvocation);
    }

    private object ListCommands(RequestReader r)
    {
        var commandId = r.String("CommandId", min: 36, max: 36);
        var instanceId = r.String("InstanceId", pattern: InstanceIdPattern);
        var filters = ReadCommandFilters(r, executionStage: true);
        r.ThrowIfInvalid();
        if (commandId is not null && commands.Get(commandId) is null)
        {
            throw new InvalidCommandIdException($"Command {commandId} does not exist.");
        }
        IEnumerable<Command> list = commands.List(commandId, instanceId);
        list = ApplyFilters(list, filters, c => c.RequestedDateTime, c => [c.Status, c.StatusDetails], c => c.DocumentName,
            c => c.Status is "Pending" or "InProgress" or "Cancelling" ? "Executing" : "Complete");
        var (items, next) = WireFormat.Page(list.ToList(), r, "ListCommands", 50, 1, 50, key: c => c.CommandId);
        return new { Commands = items.Select(ToWire).ToList(), NextToken = next };
    }

    internal static object ToWire(Command c) => new
    {
        c.CommandId, c.DocumentName, c.DocumentVersion, c.Comment, ExpiresAfter = WireFormat.Epoch(c.ExpiresAfter),
        Parameters = c.Parameters, c.InstanceIds, Targets = TargetsReader.ToWire(c.Targets), RequestedDateTime = WireFormat.Epoch(c.RequestedDateTime),
        c.Status, c.StatusDetails, c.OutputS3Region, c.OutputS3BucketName, c.OutputS3KeyPrefix, c.MaxConcurrency, c.MaxErrors,
        c.TargetCount, c.CompletedCount, c.ErrorCount, c.DeliveryTimedOutCount, c.ServiceRole, NotificationConfig = Notification(c),
        CloudWatchOutputConfig = CloudWatch(c), c.TimeoutSeconds,
    };

    private static object Notification(Command c) => new { c.NotificationArn, c.NotificationEvents, c.NotificationType };

    private static object CloudWatch(Command c) => new { c.CloudWatchLogGroupName, c.CloudWatchOutputEnabled };

    private object ListCommandInvocations(RequestReader r)
    {
        var commandId = r.String("CommandId", min: 36, max: 36);
        var instanceId = r.String("InstanceId", pattern: InstanceIdPattern);
        var details = r.Bool("Details") ?? false;
        var filters = ReadCommandFilters(r, executionStage: false);
        r.ThrowIfInvalid();
        if (commandId is not null && commands.Get(commandId) is null)
        {
            throw new InvalidCommandIdException($"Command {commandId} does not exist.");
        }
        var byId = new Dictionary<string, Command>();
        IEnumerable<CommandInvocation> list = commands.Invocations(commandId, instanceId);
        list = ApplyFilters(list, filters, i => i.RequestedDateTime, i => [Coarse(i), i.StatusDetails], i => Cmd(i).DocumentName, _ => "");
        var names = instances.List().ToDictionary(i => i.InstanceId, i => i.ComputerName ?? "");
        var (items, next) = WireFormat.Page(list.ToList(), r, "ListCommandInvocations", 50, 1, 50, key: i => i.CommandId + "/" + i.InstanceId);
        return new
        {
            CommandInvocations = items.Select(i =>
            {
                var c = Cmd(i);
                return new
                {
                    i.CommandId, i.InstanceId, InstanceName = names.GetValueOrDefault(i.InstanceId, ""), c.Comment, c.DocumentName, c.DocumentVersion,
                    RequestedDateTime = WireFormat.Epoch(i.RequestedDateTime), Status = Coarse(i), i.StatusDetails, TraceOutput = "",
                    StandardOutputUrl = "", StandardErrorUrl = "", c.ServiceRole, NotificationConfig = Notification(c), CloudWatchOutputConfig = CloudWatch(c),
                    CommandPlugins = details ? Plugins(c, i).Select(p => new
                    {
                        p.Name, p.Status, p.StatusDetails, p.ResponseCode, ResponseStartDateTime = WireFormat.Epoch(p.ResponseStartDateTime),
                        ResponseFinishDateTime = WireFormat.Epoch(p.ResponseFinishDateTime), Output = AgentOutput(p.StandardOutput, p.StandardError),
                        StandardOutputUrl = "", StandardErrorUrl = "", c.OutputS3Region, c.OutputS3BucketName, c.OutputS3KeyPrefix,
                    }).ToList() : [],
                };
            }).ToList(),
            NextToken = next,
        };

        Command Cmd(CommandInvocation i) => byId.TryGetValue(i.CommandId, out var c) ? c : byId[i.CommandId] = commands.Get(i.CommandId)!;
    }

    private object GetCommandInvocation(RequestReader r)
    {
        var commandId = r.String("CommandId", required: true, min: 36, max: 36);
        var instanceId = r.String("InstanceId", required: true, pattern: InstanceIdPattern);
        var pluginName = r.String("PluginName", min: 4);
        r.ThrowIfInvalid();
        var cmd = commands.Get(commandId!) ?? throw new InvalidCommandIdException($"Command {commandId} does not exist.");
        var inv = commands.GetInvocation(commandId!, instanceId!)
            ?? throw new InvocationDoesNotExistException($"Command {commandId} has no invocation on instance {instanceId}.");
        var plugins = Plugins(cmd, inv);
        PluginResult plugin;
        if (pluginName is null)
        {
            if (plugins.Count > 1)
            {
                throw new InvalidPluginNameException(
                    $"{cmd.DocumentName} has {plugins.Count} steps; pass --plugin-name with one of: {string.Join(", ", plugins.Select(p => p.Name))}.");
            }
            plugin = plugins[0];
        }
        else
        {
            plugin = plugins.FirstOrDefault(p => p.Name == pluginName)
                ?? throw new InvalidPluginNameException($"{cmd.DocumentName} has no step named {pluginName}. Steps: {string.Join(", ", plugins.Select(p => p.Name))}.");
        }
        var start = plugin.ResponseStartDateTime;
        var end = plugin.ResponseFinishDateTime;
        return new
        {
            cmd.CommandId, InstanceId = instanceId, cmd.Comment, cmd.DocumentName, cmd.DocumentVersion, PluginName = plugin.Name,
            plugin.ResponseCode, ExecutionStartDateTime = start is { } s ? WireFormat.IsoMillis(s) : "",
            ExecutionElapsedTime = start is { } s2 && end is { } e2 ? WireFormat.Elapsed(e2 - s2) : "",
            ExecutionEndDateTime = end is { } e ? WireFormat.IsoMillis(e) : "", plugin.Status, plugin.StatusDetails,
            StandardOutputContent = Cap(plugin.StandardOutput, 24000), StandardOutputUrl = "", StandardErrorContent = Cap(plugin.StandardError, 8000),
            StandardErrorUrl = "", CloudWatchOutputConfig = CloudWatch(cmd),
        };
    }

    /// <summary>
    /// Plugins as reported, or placeholders named after the document's steps until the agent reports. A plugin the agent
    /// left unfinished takes the invocation's final status once the service settled it (DeliveryTimedOut, Undeliverable,
    /// Cancelled...), so a finished invocation never shows a running step.
    /// </summary>
    private static List<PluginResult> Plugins(Command cmd, CommandInvocation inv)
    {
        var invocation = Domain.Status.InvocationStatus.FromDetails(inv.StatusDetails);
        if (inv.Plugins.Count > 0)
        {
            return [.. inv.Plugins.Select(p => invocation.IsTerminal && p.Status is "Pending" or "InProgress"
                ? p with { Status = invocation.Coarse, StatusDetails = invocation.Details, ResponseFinishDateTime = p.ResponseFinishDateTime ?? inv.EndTime }
                : p)];
        }
        var steps = Documents.Find(cmd.DocumentName)?.Steps ?? ["aws:runShellScript"];
        var status = inv.StatusDetails is "Pending" or "InProgress" or "Delayed" ? inv.StatusDetails == "Delayed" ? "Pending" : inv.StatusDetails : Coarse(inv);
        return steps.Select(s => new PluginResult { Name = s, Status = status, StatusDetails = inv.StatusDetails }).ToList();
    }

    private static string Coarse(CommandInvocation i) => Domain.Status.InvocationStatus.FromDetails(i.StatusDetails).Coarse;

    /// <summary>The agent keeps 2400 characters of output: stdout, then the error block (reference 3.4).</summary>
    private static string AgentOutput(string stdout, string stderr)
    {
        var output = stdout.Length > 2400 ? stdout[..2400] + "\n---Output truncated---" : stdout;
        if (stderr.Length > 0)
        {
            output += "\n----------ERROR-------\n" + (stderr.Length > 2400 ? stderr[..2400] + "\n---Error truncated----" : stderr);
        }
        return output.Length > 2500 ? output[..2500] : output;
    }

    private static string Cap(string s, int max) => s.Length > max ? s[..max] : s;

    private static List<(string Key, string Value)> ReadCommandFilters(RequestReader r, bool executionStage)
    {
        var result = new List<(string, string)>();
        if (r.Element("Filters", JsonValueKind.Array) is not { } arr)
        {
            return result;
        }
        string[] keys = executionStage ? ["InvokedAfter", "InvokedBefore", "Status", "ExecutionStage", "DocumentName"] : ["InvokedAfter", "InvokedBefore", "Status", "DocumentName"];
        foreach (var f in arr.EnumerateArray())
        {
            var key = f.ValueKind == JsonValueKind.Object && f.TryGetProperty("key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
            var value = f.ValueKind == JsonValueKind.Object && f.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
            if (key is null || value is null)
            {
                throw new SerializationException("Each filter must be {\"key\": ..., \"value\": ...} (lowercase member names).");
            }
            if (!keys.Contains(key))
            {
                throw new InvalidFilterKeyException($"Filter key '{key}' is not valid. Valid keys: {string.Join(", ", keys)}.");
            }
            result.Add((key, value));
        }
        return result;
    }

    private static IEnumerable<T> ApplyFilters<T>(IEnumerable<T> list, List<(string Key, string Value)> filters, Func<T, DateTimeOffset> time,
        Func<T, string[]> statuses, Func<T, string> document, Func<T, string> stage)
    {
        foreach (var (key, value) in filters)
        {
            list = key switch
            {
                "InvokedAfter" => WindowSchedules.TryParseDate(value, out var a) ? list.Where(x => time(x) >= a) : throw BadDate(key, value),
                "InvokedBefore" => WindowSchedules.TryParseDate(value, out var b) ? list.Where(x => time(x) <= b) : throw BadDate(key, value),
                "Status" => list.Where(x => statuses(x).Contains(value)),
                "DocumentName" => list.Where(x => document(x) == value),
                _ => list.Where(x => stage(x) == value),
            };
        }
        return list;
    }

    private static AwsException BadDate(string key, string value) =>
        new("InvalidFilterValue", $"Filter {key} value '{value}' is not an ISO-8601 timestamp, e.g. 2023-10-29T02:00:00Z.");
}
