using System.Text.Json;
using PatchLab.Domain.Model;
using PatchLab.Domain.RunCommand;
using PatchLab.Domain.Scheduling;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Hosting;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>
/// Maintenance windows, their targets and tasks (reference sections 1 and 2): this file holds create, register, describe
/// and the execution reads; updates and deregistration are in <c>MaintenanceWindowOperations.Updates.cs</c>, the schedule
/// and for-target queries in <c>MaintenanceWindowOperations.Schedule.cs</c>.
/// </summary>
internal sealed partial class MaintenanceWindowOperations(WindowRepository windows, ExecutionRepository executions, InstanceRepository instances,
    LabClock clock, MetaRepository meta, EventLog events) : ISsmOperations
{
    private const string WindowIdPattern = "^mw-[0-9a-f]{17}$";
    private const string NamePattern = @"^[a-zA-Z0-9_\-.]{3,128}$";
    private const string UuidPattern = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
    private const string ServiceLinkedRole = "arn:aws:iam::123456789012:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM";
    private const string MaxConcurrencyPattern = "^([1-9][0-9]*|[1-9][0-9]%|[1-9]%|100%)$";
    private const string MaxErrorsPattern = "^([1-9][0-9]*|[0]|[1-9][0-9]%|[0-9]%|100%)$";
    // Priority when none is given [U].
    private const int DefaultPriority = 1;
    private static readonly string[] CutoffBehaviors = ["CONTINUE_TASK", "CANCEL_TASK"];

    private readonly Idempotency _idem = new(meta);

    public void Register(SsmRouter router)
    {
        router.Add("CreateMaintenanceWindow", Create);
        router.Add("GetMaintenanceWindow", Get);
        router.Add("DescribeMaintenanceWindows", Describe);
        router.Add("DeleteMaintenanceWindow", Delete);
        router.Add("RegisterTargetWithMaintenanceWindow", RegisterTarget);
        router.Add("DescribeMaintenanceWindowTargets", DescribeTargets);
        router.Add("RegisterTaskWithMaintenanceWindow", RegisterTask);
        router.Add("DescribeMaintenanceWindowTasks", DescribeTasks);
        router.Add("DescribeMaintenanceWindowExecutions", DescribeExecutions);
        router.Add("GetMaintenanceWindowExecution", GetExecution);
        router.Add("DescribeMaintenanceWindowExecutionTasks", DescribeExecutionTasks);
        router.Add("GetMaintenanceWindowExecutionTask", GetExecutionTask);
        router.Add("DescribeMaintenanceWindowExecutionTaskInvocations", DescribeExecutionTaskInvocations);
        router.Add("GetMaintenanceWindowExecutionTaskInvocation", GetExecutionTaskInvocation);
        router.Add("CancelMaintenanceWindowExecution", CancelExecution);
        router.Add("UpdateMaintenanceWindow", Update);
        router.Add("UpdateMaintenanceWindowTarget", UpdateTarget);
        router.Add("DeregisterTargetFromMaintenanceWindow", DeregisterTarget);
        router.Add("GetMaintenanceWindowTask", GetTask);
        router.Add("UpdateMaintenanceWindowTask", UpdateTask);
        router.Add("DeregisterTaskFromMaintenanceWindow", DeregisterTask);
        router.Add("DescribeMaintenanceWindowSchedule", DescribeSchedule);
        router.Add("DescribeMaintenanceWindowsForTarget", DescribeForTarget);
    }

    private object Create(RequestReader r)
    {
        var name = r.String("Name", required: true, min: 3, max: 128, pattern: NamePattern);
        var description = r.String("Description", min: 1, max: 128);
        var schedule = r.String("Schedule", required: true, min: 1, max: 256);
        var tz = r.String("ScheduleTimezone");
        var offset = r.Int("ScheduleOffset", min: 1, max: 6);
        var start = r.String("StartDate", min: 1);
        var end = r.String("EndDate", min: 1);
        var duration = r.Int("Duration", required: true, min: 1, max: 24);
        var cutoff = r.Int("Cutoff", required: true, min: 0, max: 23);
        var allow = r.Bool("AllowUnassociatedTargets", required: true);
        var tags = ReadTags(r);
        r.String("ClientToken", min: 1, max: 64);
        r.ThrowIfInvalid();
        if (_idem.Lookup("CreateMaintenanceWindow", r) is { } existing)
        {
            return new { WindowId = existing };
        }
        CheckCutoff(cutoff!.Value, duration!.Value);
        var now = clock.GetUtcNow();
        var window = new MaintenanceWindow
        {
            WindowId = WireFormat.HexId("mw-"), Name = name!, Description = description, Schedule = schedule!, ScheduleTimezone = tz,
            ScheduleOffset = offset, StartDate = start, EndDate = end, Duration = duration!.Value, Cutoff = cutoff!.Value,
            AllowUnassociatedTargets = allow!.Value, Enabled = true, ClientToken = r.String("ClientToken"), CreatedDate = now, ModifiedDate = now,
        };
        ValidateSchedule(window, now, endDateGiven: true);
        window = window with { NextRun = WindowSchedules.NextRun(window, now) };
        windows.Insert(window, tags);
        _idem.Remember("CreateMaintenanceWindow", r, window.WindowId);
        events.Add("window", $"Created maintenance window {window.WindowId} ({window.Name}) {window.Schedule}; next run {WindowSchedules.NextExecutionTime(window) ?? "none"}");
        return new { window.WindowId };
    }

    /// <summary>Cutoff must be smaller than Duration (reference 1.1; AWS's own text reads "Cuttoff was 12 but must be smaller than 5").</summary>
    private static void CheckCutoff(int cutoff, int duration)
    {
        if (cutoff >= duration)
        {
            throw new ValidationException(
                $"Cutoff was {cutoff} but must be smaller than the Duration ({duration}): with --duration {duration} use a cutoff from 0 to {duration - 1} hours.");
        }
    }

    /// <summary>
    /// Checks the schedule with its zone and offset, and StartDate/EndDate. An EndDate already past is refused only when this
    /// request sets it (<paramref name="endDateGiven"/>): an update of another field must not fail because time passed.
    /// </summary>
    private static void ValidateSchedule(MaintenanceWindow w, DateTimeOffset now, bool endDateGiven)
    {
        try
        {
            AwsSchedule.Parse(w.Schedule, w.ScheduleTimezone, w.ScheduleOffset);
        }
        catch (ScheduleException e)
        {
            throw new ValidationException(e.Message);
        }
        DateTimeOffset s = default, e2 = default;
        if (w.StartDate is not null && !WindowSchedules.TryParseDate(w.StartDate, out s))
        {
            throw new ValidationException($"StartDate '{w.StartDate}' is not an ISO-8601 timestamp. Valid form: 2021-04-07T14:29:00-08:00 or 2023-10-29T02:00:00Z.");
        }
        if (w.EndDate is not null)
        {
            if (!WindowSchedules.TryParseDate(w.EndDate, out e2))
            {
                throw new ValidationException($"EndDate '{w.EndDate}' is not an ISO-8601 timestamp. Valid form: 2021-04-07T14:29:00-08:00 or 2023-10-29T02:00:00Z.");
            }
            if (endDateGiven && e2 <= now)
            {
                throw new ValidationException($"EndDate {w.EndDate} is in the past; the window would never run. Give a future EndDate or none.");
            }
            if (w.StartDate is not null && e2 <= s)
            {
                throw new ValidationException($"EndDate {w.EndDate} must be later than StartDate {w.StartDate}.");
            }
        }
    }

    private static Dictionary<string, string> ReadTags(RequestReader r)
    {
        var tags = new Dictionary<string, string>();
        if (r.Element("Tags", JsonValueKind.Array) is not { } arr)
        {
            return tags;
        }
        foreach (var t in arr.EnumerateArray())
        {
            var key = t.ValueKind == JsonValueKind.Object && t.TryGetProperty("Key", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
            var value = t.ValueKind == JsonValueKind.Object && t.TryGetProperty("Value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : null;
            if (key is null || value is null)
            {
                r.Fail("tags.member", null, "Member must have a Key and a Value, e.g. Key=Project,Value=SecurityPatching");
                continue;
            }
            r.CheckString("tags.member.key", key, 1, 128, @"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$");
            r.CheckString("tags.member.value", value, 0, 256, @"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$");
            tags[key] = value;
        }
        r.CheckCount("tags", tags.Count, 0, 1000);
        return tags;
    }

    private MaintenanceWindow RequireWindow(string id) =>
        windows.Get(id) ?? throw new DoesNotExistException($"Maintenance window {id} does not exist");

    private object Get(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        r.ThrowIfInvalid();
        var w = RequireWindow(id!);
        return new
        {
            w.WindowId, w.Name, w.Description, w.StartDate, w.EndDate, w.Schedule, w.ScheduleTimezone, w.ScheduleOffset,
            NextExecutionTime = WindowSchedules.NextExecutionTime(w), w.Duration, w.Cutoff, w.AllowUnassociatedTargets, w.Enabled,
            CreatedDate = WireFormat.Epoch(w.CreatedDate), ModifiedDate = WireFormat.Epoch(w.ModifiedDate),
        };
    }

    private object Describe(RequestReader r)
    {
        IEnumerable<MaintenanceWindow> list = windows.List();
        foreach (var (key, values) in ReadFilters(r, "Filters"))
        {
            list = key switch
            {
                "Name" => list.Where(w => values.Any(v => w.Name.StartsWith(v, StringComparison.Ordinal))),
                "Enabled" => list.Where(w => values.Any(v => string.Equals(v, w.Enabled ? "true" : "false", StringComparison.OrdinalIgnoreCase))),
                _ => throw new ValidationException($"Filter key '{key}' is not valid for DescribeMaintenanceWindows. Valid keys: Name, Enabled."),
            };
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeMaintenanceWindows", 10, 10, 100, m => new ValidationException(m), w => w.WindowId);
        return new
        {
            WindowIdentities = items.Select(w => new
            {
                w.WindowId, w.Name, w.Description, w.Enabled, w.Duration, w.Cutoff, w.Schedule, w.ScheduleTimezone, w.ScheduleOffset, w.EndDate,
                w.StartDate, NextExecutionTime = WindowSchedules.NextExecutionTime(w),
            }).ToList(),
            NextToken = next,
        };
    }

    private object Delete(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        r.ThrowIfInvalid();
        if (windows.Delete(id!))
        {
            events.Add("window", $"Deleted maintenance window {id}");
        }
        // DeleteMaintenanceWindow declares no not-found error: an unknown id answers 200 with the id [U].
        return new { WindowId = id };
    }

    private object RegisterTarget(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var resourceType = r.String("ResourceType", required: true, allowed: ["INSTANCE", "RESOURCE_GROUP"]);
        var targets = TargetsReader.Read(r, "Targets", required: true, maxTargets: 5);
        var owner = r.String("OwnerInformation", min: 1, max: 128);
        var name = r.String("Name", min: 3, max: 128, pattern: NamePattern);
        var description = r.String("Description", min: 1, max: 128);
        r.String("ClientToken", min: 1, max: 64);
        r.ThrowIfInvalid();
        if (_idem.Lookup("RegisterTargetWithMaintenanceWindow", r) is { } existing)
        {
            return new { WindowTargetId = existing };
        }
        RequireWindow(id!);
        ValidateWindowTargets(resourceType!, targets!);
        var target = new WindowTarget
        {
            WindowTargetId = Guid.NewGuid().ToString(), WindowId = id!, ResourceType = resourceType!, Targets = targets!, OwnerInformation = owner,
            Name = name, Description = description,
        };
        windows.InsertTarget(target, r.String("ClientToken"));
        _idem.Remember("RegisterTargetWithMaintenanceWindow", r, target.WindowTargetId);
        events.Add("window", $"Registered target {target.WindowTargetId} on {id}: {string.Join(" ", targets!.Select(t => $"{t.Key}={string.Join(',', t.Values)}"))}");
        return new { target.WindowTargetId };
    }

    /// <summary>The target forms AWS accepts for window targets (reference 2.1), with its real error text.</summary>
    internal static void ValidateWindowTargets(string resourceType, IReadOnlyList<Target> targets)
    {
        const string formats = "Targets must be specified in one of the following formats: 1) 1 target with \"Key=InstanceIds\" and \"Values=\" a list of up to 50 instance IDs, or 2) Up to 5 targets, each of which can be either \"Key=tag:<key>,Values=<tag_values>\" or \"Key=tag-key,Values=<tag_keys>\", and each with up to 5 unique tag keys/values.";
        if (targets.Count == 0)
        {
            throw new ValidationException("Please specify at least one target. " + formats);
        }
        foreach (var t in targets.Where(t => t.Values.Count == 0 || t.Values.Any(string.IsNullOrEmpty)))
        {
            throw new ValidationException($"Please specify at least one target.  Filter values can't be null and {t.Key} is.");
        }
        if (resourceType == "RESOURCE_GROUP")
        {
            var byKey = targets.ToLookup(t => t.Key);
            if (!byKey["resource-groups:Name"].Any() || byKey["resource-groups:Name"].Count() > 1 || byKey["resource-groups:Name"].First().Values.Count != 1
                || targets.Any(t => t.Key is not ("resource-groups:Name" or "resource-groups:ResourceTypeFilters")))
            {
                throw new ValidationException("RESOURCE_GROUP targets must be exactly one \"Key=resource-groups:Name,Values=<group>\", optionally with \"Key=resource-groups:ResourceTypeFilters,Values=AWS::EC2::Instance\".");
            }
            var bad = byKey["resource-groups:ResourceTypeFilters"].SelectMany(t => t.Values).Where(v => v != "AWS::EC2::Instance").ToList();
            if (bad.Count > 0)
            {
                throw new ValidationException($"{string.Join(", ", bad)} are invalid resource group types. PatchLab models AWS::EC2::Instance.");
            }
            return;
        }
        var instanceTargets = targets.Where(t => t.Key == "InstanceIds").ToList();
        if (instanceTargets.Count > 0)
        {
            if (targets.Count != 1 || instanceTargets[0].Values.Count > 50)
            {
                throw new ValidationException(formats);
            }
            foreach (var v in instanceTargets[0].Values.Where(v => !System.Text.RegularExpressions.Regex.IsMatch(v, @"(^i-(\w{8}|\w{17})$)|(^mi-\w{17}$)")))
            {
                throw new ValidationException($"Instance id '{v}' is not valid. Valid form: i- followed by 8 or 17 characters, e.g. i-0123456789abcdef0.");
            }
            return;
        }
        if (targets.Any(t => !(t.Key.StartsWith("tag:", StringComparison.Ordinal) && t.Key.Length > 4) && t.Key != "tag-key")
            || targets.Any(t => t.Values.Count > 5))
        {
            throw new ValidationException(formats);
        }
    }

    private object DescribeTargets(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var filters = ReadFilters(r, "Filters");
        r.ThrowIfInvalid();
        RequireWindow(id!);
        IEnumerable<WindowTarget> list = windows.Targets(id!);
        foreach (var (key, values) in filters)
        {
            list = key switch
            {
                "Type" => list.Where(t => values.Contains(t.ResourceType)),
                "WindowTargetId" => list.Where(t => values.Contains(t.WindowTargetId)),
                "OwnerInformation" => list.Where(t => t.OwnerInformation is not null && values.Contains(t.OwnerInformation)),
                _ => throw new ValidationException($"Filter key '{key}' is not valid here. Valid keys: Type, WindowTargetId, OwnerInformation."),
            };
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeMaintenanceWindowTargets", 10, 10, 100, m => new ValidationException(m), t => t.WindowTargetId);
        return new
        {
            Targets = items.Select(t => new
            {
                t.WindowId, t.WindowTargetId, t.ResourceType, Targets = TargetsReader.ToWire(t.Targets), t.OwnerInformation, t.Name, t.Description,
            }).ToList(),
            NextToken = next,
        };
    }

    private object RegisterTask(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var taskType = r.String("TaskType", required: true, allowed: ["RUN_COMMAND", "AUTOMATION", "STEP_FUNCTIONS", "LAMBDA"]);
        var taskArn = r.String("TaskArn", required: true, min: 1, max: 1600);
        var targets = TargetsReader.Read(r, "Targets", required: false, maxTargets: 5) ?? [];
        var role = r.String("ServiceRoleArn");
        var priority = r.Int("Priority", min: 0) ?? DefaultPriority;
        var maxConcurrency = r.String("MaxConcurrency", min: 1, max: 7, pattern: MaxConcurrencyPattern);
        var maxErrors = r.String("MaxErrors", min: 1, max: 7, pattern: MaxErrorsPattern);
        var name = r.String("Name", min: 3, max: 128, pattern: NamePattern);
        var description = r.String("Description", min: 1, max: 128);
        var cutoffBehavior = r.String("CutoffBehavior", allowed: CutoffBehaviors) ?? "CONTINUE_TASK";
        var taskParams = r.Element("TaskParameters", JsonValueKind.Object);
        var invocation = ReadInvocationParameters(r);
        var logging = ReadLoggingInfo(r);
        var alarms = ReadAlarmConfiguration(r);
        r.String("ClientToken", min: 1, max: 64);
        r.ThrowIfInvalid();
        if (_idem.Lookup("RegisterTaskWithMaintenanceWindow", r) is { } existing)
        {
            return new { WindowTaskId = existing };
        }
        var window = RequireWindow(id!);
        var task = new WindowTask
        {
            WindowTaskId = Guid.NewGuid().ToString(), WindowId = id!, TaskType = taskType!, TaskArn = taskArn!, Targets = targets,
            ServiceRoleArn = role, TaskParametersJson = taskParams?.GetRawText(), InvocationParametersJson = invocation?.GetRawText(),
            Priority = priority, MaxConcurrency = maxConcurrency, MaxErrors = maxErrors, LoggingInfoJson = logging?.GetRawText(), Name = name,
            Description = description, CutoffBehavior = cutoffBehavior, AlarmConfigurationJson = alarms?.GetRawText(),
        };
        ValidateTask(window, task);
        windows.InsertTask(task, r.String("ClientToken"));
        _idem.Remember("RegisterTaskWithMaintenanceWindow", r, task.WindowTaskId);
        events.Add("window", $"Registered task {task.WindowTaskId} ({task.TaskArn}, priority {priority}, concurrency {maxConcurrency}, errors {maxErrors}) on {id}");
        return new { task.WindowTaskId };
    }

    /// <summary>
    /// The rules AWS applies to a task's targets and rate controls (reference 2.2), checked on a registration and on the merged
    /// result of an update: target keys, MaxConcurrency/MaxErrors required with targets and refused without, WindowTargetIds
    /// registered (at most 10), InstanceIds (at most 50) only on a window that allows unassociated targets.
    /// </summary>
    private void ValidateTask(MaintenanceWindow window, WindowTask task)
    {
        var id = window.WindowId;
        var targets = task.Targets;
        foreach (var t in targets.Where(t => t.Key is not ("WindowTargetIds" or "InstanceIds")))
        {
            throw new ValidationException(
                $"{t.Key} is an invalid window task target type, use WindowTargetIds or InstanceIds. For Run Command tasks, you must specify at least one resource as the target of the task. You can specify between 1 and 50 instance IDs, or between 1 and 10 maintenance window target IDs. To target instances by tag, register the tag as a window target (register-target-with-maintenance-window --resource-type INSTANCE --targets Key={t.Key},Values=...) and pass its WindowTargetId here (--targets Key=WindowTargetIds,Values=<window-target-id>).");
        }
        if (targets.Count > 0)
        {
            if (task.MaxConcurrency is null || task.MaxErrors is null)
            {
                throw new ValidationException("MaxConcurrency and MaxErrors are required for a task with targets, e.g. --max-concurrency 5 --max-errors 1.");
            }
            var windowTargetIds = targets.Where(t => t.Key == "WindowTargetIds").SelectMany(t => t.Values).ToList();
            if (windowTargetIds.Count > 10)
            {
                throw new ValidationException("The maximum number of window targets is 10");
            }
            var known = windows.Targets(id).Select(t => t.WindowTargetId).ToHashSet();
            foreach (var wt in windowTargetIds.Where(w => !known.Contains(w)))
            {
                throw new DoesNotExistException($"Window target {wt} is not registered with maintenance window {id}. Register it with RegisterTargetWithMaintenanceWindow first.");
            }
            var instanceIds = targets.Where(t => t.Key == "InstanceIds").SelectMany(t => t.Values).ToList();
            if (instanceIds.Count > 50)
            {
                throw new ValidationException("A task can target at most 50 instance IDs.");
            }
            if (instanceIds.Count > 0 && !window.AllowUnassociatedTargets)
            {
                throw new ValidationException(
                    $"Maintenance window {id} does not allow unassociated targets, so you must specify previously-registered targets: use Key=WindowTargetIds, or create the window with --allow-unassociated-targets.");
            }
            return;
        }
        if (task.MaxConcurrency is not null || task.MaxErrors is not null)
        {
            throw new ValidationException("Maintenance window tasks without targets do not support MaxErrors values. Maintenance window tasks without targets do not support MaxConcurrency values.");
        }
        if (task.TaskType == "RUN_COMMAND")
        {
            throw new ValidationException("For Run Command tasks, you must specify at least one resource as the target of the task: --targets Key=WindowTargetIds,Values=<window-target-id> or Key=InstanceIds,Values=<instance-id>.");
        }
    }

    private static JsonElement? ReadInvocationParameters(RequestReader r)
    {
        var invocation = r.Element("TaskInvocationParameters", JsonValueKind.Object);
        if (invocation is { } inv && inv.TryGetProperty("RunCommand", out var rc) && rc.ValueKind == JsonValueKind.Object)
        {
            ValidateRunCommandParameters(r, rc);
        }
        return invocation;
    }

    private static JsonElement? ReadLoggingInfo(RequestReader r)
    {
        var logging = r.Element("LoggingInfo", JsonValueKind.Object);
        if (logging is { } l)
        {
            var sub = new RequestReader(l);
            sub.String("S3BucketName", required: true, min: 3, max: 63);
            sub.String("S3Region", required: true, min: 3, max: 20);
            sub.String("S3KeyPrefix", max: 500);
            Nest(r, sub, "loggingInfo");
        }
        return logging;
    }

    /// <summary>AlarmConfiguration: exactly one alarm {Name}; stored and echoed (PatchLab polls no CloudWatch alarm).</summary>
    private static JsonElement? ReadAlarmConfiguration(RequestReader r)
    {
        var alarms = r.Element("AlarmConfiguration", JsonValueKind.Object);
        if (alarms is { } a)
        {
            var sub = new RequestReader(a);
            sub.Bool("IgnorePollAlarmFailure");
            if (sub.Element("Alarms", JsonValueKind.Array) is { } list)
            {
                sub.CheckCount("Alarms", list.GetArrayLength(), 1, 1);
                foreach (var alarm in list.EnumerateArray())
                {
                    var name = alarm.ValueKind == JsonValueKind.Object && alarm.TryGetProperty("Name", out var n) && n.ValueKind == JsonValueKind.String
                        ? n.GetString()! : null;
                    if (name is null)
                    {
                        sub.Fail("Alarms.member.name", null, "Member must not be null");
                        continue;
                    }
                    sub.CheckString("Alarms.member.name", name, 1, 255, @"^(?!\s*$).+");
                }
            }
            else
            {
                sub.Fail("Alarms", null, "Member must not be null");
            }
            Nest(r, sub, "alarmConfiguration");
        }
        return alarms;
    }

    /// <summary>Moves a nested structure's validation failures into the request's, under <paramref name="path"/>.</summary>
    private static void Nest(RequestReader r, RequestReader sub, string path)
    {
        try
        {
            sub.ThrowIfInvalid();
        }
        catch (ValidationException e)
        {
            r.Fail(path, null, e.Message);
        }
    }

    private static void ValidateRunCommandParameters(RequestReader r, JsonElement rc)
    {
        var sub = new RequestReader(rc);
        sub.Int("TimeoutSeconds", min: 30, max: 2592000);
        sub.String("Comment", max: 100);
        sub.String("DocumentVersion", pattern: @"([$]LATEST|[$]DEFAULT|^[1-9][0-9]*$)");
        sub.String("OutputS3BucketName", min: 3, max: 63);
        sub.String("OutputS3KeyPrefix", max: 500);
        sub.String("DocumentHashType", allowed: ["Sha256", "Sha1"]);
        if (sub.Element("Parameters", JsonValueKind.Object) is { } p)
        {
            foreach (var prop in p.EnumerateObject())
            {
                if (prop.Value.ValueKind != JsonValueKind.Array || prop.Value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                {
                    throw new SerializationException(
                        $"TaskInvocationParameters.RunCommand.Parameters.{prop.Name} must be a list of strings, e.g. \"{prop.Name}\": [\"value\"].");
                }
            }
        }
        Nest(r, sub, "taskInvocationParameters.runCommand");
    }

    private object DescribeTasks(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var filters = ReadFilters(r, "Filters");
        r.ThrowIfInvalid();
        RequireWindow(id!);
        IEnumerable<WindowTask> list = windows.Tasks(id!);
        foreach (var (key, values) in filters)
        {
            list = key switch
            {
                "WindowTaskId" => list.Where(t => values.Contains(t.WindowTaskId)),
                "TaskArn" => list.Where(t => values.Contains(t.TaskArn)),
                "Priority" => list.Where(t => values.Contains(t.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                "TaskType" => list.Where(t => values.Contains(t.TaskType)),
                _ => throw new ValidationException($"Filter key '{key}' is not valid here. Valid keys: WindowTaskId, TaskArn, Priority, TaskType."),
            };
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeMaintenanceWindowTasks", 10, 10, 100, m => new ValidationException(m), t => t.WindowTaskId);
        return new
        {
            Tasks = items.Select(t => new
            {
                t.WindowId, t.WindowTaskId, t.TaskArn, Type = t.TaskType, Targets = TargetsReader.ToWire(t.Targets),
                TaskParameters = t.TaskParametersJson is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(t.TaskParametersJson),
                t.Priority, LoggingInfo = t.LoggingInfoJson is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(t.LoggingInfoJson),
                // Targetless tasks report the placeholder "1" for both (reference 2.2).
                ServiceRoleArn = t.ServiceRoleArn ?? ServiceLinkedRole, MaxConcurrency = t.MaxConcurrency ?? "1", MaxErrors = t.MaxErrors ?? "1", t.Name,
                t.Description, t.CutoffBehavior,
            }).ToList(),
            NextToken = next,
        };
    }

    private object DescribeExecutions(RequestReader r)
    {
        var id = r.String("WindowId", required: true, min: 20, max: 20, pattern: WindowIdPattern);
        var filters = ReadFilters(r, "Filters");
        r.ThrowIfInvalid();
        IEnumerable<WindowExecution> list = executions.ForWindow(id!);
        foreach (var (key, values) in filters)
        {
            if (key is not ("ExecutedBefore" or "ExecutedAfter") || values.Count != 1 || !WindowSchedules.TryParseDate(values[0], out var at))
            {
                throw new ValidationException($"Filter {key} is not valid: use Key=ExecutedBefore or Key=ExecutedAfter with one ISO-8601 value, e.g. 2023-10-29T00:00:00Z.");
            }
            list = key == "ExecutedBefore" ? list.Where(e => e.StartTime < at) : list.Where(e => e.StartTime >= at);
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeMaintenanceWindowExecutions", 10, 10, 100, m => new ValidationException(m), e => e.WindowExecutionId);
        return new
        {
            WindowExecutions = items.Select(e => new
            {
                e.WindowId, e.WindowExecutionId, e.Status, e.StatusDetails, StartTime = WireFormat.Epoch(e.StartTime), EndTime = WireFormat.Epoch(e.EndTime),
            }).ToList(),
            NextToken = next,
        };
    }

    private WindowExecution RequireExecution(RequestReader r)
    {
        var id = r.String("WindowExecutionId", required: true, min: 36, max: 36, pattern: UuidPattern);
        return executions.Get(id ?? "") is { } e ? e : Missing(id);

        WindowExecution Missing(string? i)
        {
            r.ThrowIfInvalid();
            throw new DoesNotExistException($"Maintenance window execution {i} does not exist");
        }
    }

    private object GetExecution(RequestReader r)
    {
        var e = RequireExecution(r);
        r.ThrowIfInvalid();
        return new
        {
            e.WindowExecutionId, TaskIds = executions.Tasks(e.WindowExecutionId).Select(t => t.TaskExecutionId).ToList(), e.Status, e.StatusDetails,
            StartTime = WireFormat.Epoch(e.StartTime), EndTime = WireFormat.Epoch(e.EndTime),
        };
    }

    private object DescribeExecutionTasks(RequestReader r)
    {
        var e = RequireExecution(r);
        var filters = ReadFilters(r, "Filters");
        r.ThrowIfInvalid();
        IEnumerable<TaskExecution> list = executions.Tasks(e.WindowExecutionId);
        foreach (var (key, values) in filters)
        {
            list = key == "STATUS" ? list.Where(t => values.Contains(t.Status))
                : throw new ValidationException($"Filter key '{key}' is not valid here. Valid key: STATUS.");
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeMaintenanceWindowExecutionTasks", 10, 10, 100, m => new ValidationException(m), t => t.TaskExecutionId);
        return new
        {
            WindowExecutionTaskIdentities = items.Select(t => new
            {
                t.WindowExecutionId, t.TaskExecutionId, t.Status, t.StatusDetails, StartTime = WireFormat.Epoch(t.StartTime),
                EndTime = WireFormat.Epoch(t.EndTime), t.TaskArn, t.TaskType,
            }).ToList(),
            NextToken = next,
        };
    }

    private TaskExecution RequireTask(RequestReader r, WindowExecution e)
    {
        var taskId = r.String("TaskId", required: true, min: 36, max: 36, pattern: UuidPattern);
        r.ThrowIfInvalid();
        return executions.Tasks(e.WindowExecutionId).FirstOrDefault(t => t.TaskExecutionId == taskId)
            ?? throw new DoesNotExistException($"Maintenance window execution task {taskId} does not exist in execution {e.WindowExecutionId}");
    }

    private object GetExecutionTask(RequestReader r)
    {
        var e = RequireExecution(r);
        var t = RequireTask(r, e);
        return new
        {
            t.WindowExecutionId, t.TaskExecutionId, t.TaskArn, ServiceRole = t.ServiceRole ?? ServiceLinkedRole, Type = t.TaskType,
            TaskParameters = t.TaskParametersJson is null ? null : new[] { JsonSerializer.Deserialize<JsonElement>(t.TaskParametersJson) },
            t.Priority, t.MaxConcurrency, t.MaxErrors, t.Status, t.StatusDetails, StartTime = WireFormat.Epoch(t.StartTime), EndTime = WireFormat.Epoch(t.EndTime),
        };
    }

    private object DescribeExecutionTaskInvocations(RequestReader r)
    {
        var e = RequireExecution(r);
        var t = RequireTask(r, e);
        var filters = ReadFilters(r, "Filters");
        r.ThrowIfInvalid();
        IEnumerable<TaskInvocation> list = executions.Invocations(e.WindowExecutionId, t.TaskExecutionId);
        foreach (var (key, values) in filters)
        {
            list = key == "STATUS" ? list.Where(i => values.Contains(i.Status))
                : throw new ValidationException($"Filter key '{key}' is not valid here. Valid key: STATUS.");
        }
        var (items, next) = WireFormat.Page(list.ToList(), r, "DescribeMaintenanceWindowExecutionTaskInvocations", 10, 10, 100, m => new ValidationException(m), i => i.InvocationId);
        return new
        {
            WindowExecutionTaskInvocationIdentities = items.Select(i => new
            {
                i.WindowExecutionId, i.TaskExecutionId, i.InvocationId, i.ExecutionId, i.TaskType, i.Parameters, i.Status, i.StatusDetails,
                StartTime = WireFormat.Epoch(i.StartTime), EndTime = WireFormat.Epoch(i.EndTime), i.OwnerInformation, i.WindowTargetId,
            }).ToList(),
            NextToken = next,
        };
    }

    private TaskInvocation RequireInvocation(RequestReader r, WindowExecution e, TaskExecution t)
    {
        var invocationId = r.String("InvocationId", required: true, min: 36, max: 36, pattern: UuidPattern);
        r.ThrowIfInvalid();
        return executions.Invocations(e.WindowExecutionId, t.TaskExecutionId).FirstOrDefault(i => i.InvocationId == invocationId)
            ?? throw new DoesNotExistException(
                $"Maintenance window execution task invocation {invocationId} does not exist in task {t.TaskExecutionId} of execution {e.WindowExecutionId}");
    }

    private object GetExecutionTaskInvocation(RequestReader r)
    {
        var e = RequireExecution(r);
        var t = RequireTask(r, e);
        var i = RequireInvocation(r, e, t);
        return new
        {
            i.WindowExecutionId, i.TaskExecutionId, i.InvocationId, i.ExecutionId, i.TaskType, i.Parameters, i.Status, i.StatusDetails,
            StartTime = WireFormat.Epoch(i.StartTime), EndTime = WireFormat.Epoch(i.EndTime), i.OwnerInformation, i.WindowTargetId,
        };
    }

    /// <summary>
    /// CancelMaintenanceWindowExecution: a running execution becomes CANCELLING; the scheduler cancels the tasks not started,
    /// lets the running ones finish, then ends it CANCELLED. An execution already finished is left as it is and its id
    /// echoed [U: AWS's answer for it is undocumented].
    /// </summary>
    private object CancelExecution(RequestReader r)
    {
        var e = RequireExecution(r);
        r.ThrowIfInvalid();
        if (executions.TrySetStatus(e.WindowExecutionId, ["PENDING", "IN_PROGRESS"], "CANCELLING", "Cancellation requested.", null))
        {
            events.Add("window", $"Cancelling execution {e.WindowExecutionId[..8]} of {e.WindowId}: tasks not started are cancelled, running tasks finish");
        }
        return new { e.WindowExecutionId };
    }

    /// <summary>Reads MaintenanceWindowFilter-style filters: [{Key, Values}].</summary>
    internal static List<(string Key, List<string> Values)> ReadFilters(RequestReader r, string member)
    {
        var result = new List<(string, List<string>)>();
        if (r.Element(member, JsonValueKind.Array) is not { } arr)
        {
            return result;
        }
        foreach (var f in arr.EnumerateArray())
        {
            if (f.ValueKind != JsonValueKind.Object || !f.TryGetProperty("Key", out var k) || k.ValueKind != JsonValueKind.String)
            {
                throw new SerializationException($"Each item of '{member}' must be a structure {{\"Key\": ..., \"Values\": [...]}}.");
            }
            var values = f.TryGetProperty("Values", out var vs) && vs.ValueKind == JsonValueKind.Array
                ? vs.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
                : [];
            result.Add((k.GetString()!, values));
        }
        return result;
    }
}
