using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Wire;

namespace PatchLab.Emulator.Ssm;

/// <summary>SendCommand and CancelCommand (reference 3.1, 3.4); reading results is <see cref="CommandOperations"/>.</summary>
/// <remarks>
/// OutputS3*, NotificationConfig, CloudWatchOutputConfig and ServiceRoleArn are stored and echoed; PatchLab writes nothing
/// to S3 or CloudWatch and publishes no notification, so the StandardOutputUrl/StandardErrorUrl fields stay empty.
/// DocumentHash, AlarmConfiguration and the like are accepted and ignored.
/// </remarks>
internal sealed class RunCommandOperations(RunCommandBackend backend) : ISsmOperations
{
    private const string InstanceIdPattern = @"(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)";
    private const string DocumentNamePattern = @"^[a-zA-Z0-9_\-.:/]{3,128}$";

    public void Register(SsmRouter router)
    {
        router.Add("SendCommand", SendCommand);
        router.Add("CancelCommand", CancelCommand);
    }

    private object SendCommand(RequestReader r)
    {
        var documentName = r.String("DocumentName", required: true, pattern: DocumentNamePattern);
        var documentVersion = r.String("DocumentVersion", pattern: DocumentRules.VersionPattern) ?? "$DEFAULT";
        var instanceIds = r.StringList("InstanceIds", maxItems: 50, itemPattern: InstanceIdPattern) ?? [];
        var targets = TargetsReader.Read(r, "Targets", required: false, maxTargets: 5) ?? [];
        var parameters = ReadParameters(r);
        var timeout = r.Int("TimeoutSeconds", min: 30, max: 2592000) ?? 3600;
        var comment = r.String("Comment", max: 100) ?? "";
        var s3Region = r.String("OutputS3Region", min: 3, max: 20) ?? "";
        var s3Bucket = r.String("OutputS3BucketName", min: 3, max: 63) ?? "";
        var s3Prefix = r.String("OutputS3KeyPrefix", max: 500) ?? "";
        // Defaults applied at the edge, as the service does (reference 3.1).
        var maxConcurrency = r.String("MaxConcurrency", min: 1, max: 7, pattern: "^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$") ?? "50";
        var maxErrors = r.String("MaxErrors", min: 1, max: 7, pattern: "^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$") ?? "0";
        var serviceRole = r.String("ServiceRoleArn") ?? "";
        var (notificationArn, notificationEvents, notificationType) = ReadNotificationConfig(r);
        var (logGroup, cloudWatchEnabled) = ReadCloudWatchConfig(r);
        foreach (var t in targets.Where(t => t.Values.Count > 5))
        {
            r.Fail("Targets.member.values", $"[{t.Values.Count} items]", "Member must have length less than or equal to 5");
        }
        r.ThrowIfInvalid();
        // [U] AWS's wording for these two is not documented; both are client mistakes, so ValidationException.
        if (instanceIds.Count > 0 && targets.Count > 0)
        {
            throw new ValidationException("Specify either InstanceIds or Targets, not both.");
        }
        if (instanceIds.Count == 0 && targets.Count == 0)
        {
            throw new ValidationException("Specify the instances to run the command on: InstanceIds, or Targets (e.g. Key=tag:Environment,Values=Production).");
        }

        var cmd = backend.Submit(new Command
        {
            CommandId = "", DocumentName = documentName!, DocumentVersion = documentVersion, Comment = comment,
            Parameters = parameters.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value), InstanceIds = instanceIds, Targets = targets,
            MaxConcurrency = maxConcurrency, MaxErrors = maxErrors, TimeoutSeconds = timeout, ServiceRole = serviceRole, OutputS3Region = s3Region,
            OutputS3BucketName = s3Bucket, OutputS3KeyPrefix = s3Prefix, NotificationArn = notificationArn, NotificationEvents = notificationEvents,
            NotificationType = notificationType, CloudWatchLogGroupName = logGroup, CloudWatchOutputEnabled = cloudWatchEnabled,
        });
        // The response is the command as accepted: Pending, nothing counted yet, and TargetCount 0 for tag targets, which
        // AWS has not resolved by then (reference 3.1). ListCommands shows the resolved count.
        return new { Command = CommandOperations.ToWire(targets.Count > 0 ? cmd with { TargetCount = 0 } : cmd) };
    }

    private object CancelCommand(RequestReader r)
    {
        var commandId = r.String("CommandId", required: true, min: 36, max: 36);
        var instanceIds = r.StringList("InstanceIds", maxItems: 50, itemPattern: InstanceIdPattern);
        r.ThrowIfInvalid();
        backend.Cancel(commandId!, instanceIds);
        return new { };
    }

    private static Dictionary<string, List<string>> ReadParameters(RequestReader r)
    {
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (r.Element("Parameters", JsonValueKind.Object) is not { } obj)
        {
            return result;
        }
        foreach (var p in obj.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Array || p.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                throw new SerializationException($"Parameter '{p.Name}' must be a list of strings, e.g. \"{p.Name}\": [\"value\"].");
            }
            result[p.Name] = [.. p.Value.EnumerateArray().Select(v => v.GetString()!)];
        }
        return result;
    }

    private static (string Arn, List<string> Events, string Type) ReadNotificationConfig(RequestReader r)
    {
        if (r.Element("NotificationConfig", JsonValueKind.Object) is not { } n)
        {
            return ("", [], "");
        }
        var arn = n.TryGetProperty("NotificationArn", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
        var events = n.TryGetProperty("NotificationEvents", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
        var type = n.TryGetProperty("NotificationType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        foreach (var ev in events)
        {
            r.CheckString("NotificationConfig.NotificationEvents.member", ev, allowed: ["All", "InProgress", "Success", "TimedOut", "Cancelled", "Failed"]);
        }
        if (type.Length > 0)
        {
            r.CheckString("NotificationConfig.NotificationType", type, allowed: ["Command", "Invocation"]);
        }
        return (arn, events, type);
    }

    private static (string LogGroup, bool Enabled) ReadCloudWatchConfig(RequestReader r)
    {
        if (r.Element("CloudWatchOutputConfig", JsonValueKind.Object) is not { } c)
        {
            return ("", false);
        }
        var group = c.TryGetProperty("CloudWatchLogGroupName", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString()! : "";
        var enabled = c.TryGetProperty("CloudWatchOutputEnabled", out var e) && e.ValueKind == JsonValueKind.True;
        return (group, enabled);
    }
}
