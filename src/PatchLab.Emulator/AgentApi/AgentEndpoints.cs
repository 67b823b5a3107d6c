using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using PatchLab.Contracts;
using PatchLab.Contracts.Agent;
using PatchLab.Domain.Baselines;
using PatchLab.Domain.Model;
using PatchLab.Domain.Status;
using PatchLab.Emulator.Backend;
using PatchLab.Emulator.Hosting;
using PatchLab.Storage;

namespace PatchLab.Emulator.AgentApi;

/// <summary>
/// The endpoints agents call (MDS-like: register, poll, ack, reply, snapshot, patch report, and object: an S3 object a
/// document parameter names). Every call is
/// authenticated by the instance's own token; an agent cannot speak for another instance.
/// </summary>
public static class AgentEndpoints
{
    /// <summary>How long an unacknowledged delivery waits before it is delivered again (at-least-once).</summary>
    public static readonly TimeSpan Redelivery = TimeSpan.FromSeconds(30);

    /// <summary>Maps the agent API.</summary>
    public static void MapAgentApi(this WebApplication app)
    {
        var g = app.MapGroup(AgentProtocol.Prefix);
        g.MapPost("/register", (HttpContext ctx, InstanceRepository instances, LabClock clock, CommandRepository commands, EventLog events, AgentSignals signals) =>
            Handle(ctx, PatchLabJsonContext.Default.AgentRegisterRequest, instances, signals, (inst, req) =>
            {
                var now = clock.GetUtcNow();
                instances.Register(inst.InstanceId, req.PlatformType, req.PlatformName, req.PlatformVersion, req.AgentVersion, req.ComputerName, now, req.Boot);
                if (req.Boot)
                {
                    commands.ClearRebootRequested(inst.InstanceId);
                    events.Add("agent", inst.RegistrationDate is null
                        ? $"{inst.InstanceId} registered: {req.PlatformName} {req.PlatformVersion}, agent {req.AgentVersion}"
                        : $"{inst.InstanceId} booted and re-registered");
                }
                return Json(new AgentClock { Now = now, Speed = clock.EffectiveSpeed }, PatchLabJsonContext.Default.AgentClock);
            }));

        g.MapPost("/poll", async (HttpContext ctx, InstanceRepository instances, CommandRepository commands, LabClock clock, AgentSignals signals,
            IHostApplicationLifetime lifetime) =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, lifetime.ApplicationStopping);
            var (inst, req) = await ReadAsync(ctx, PatchLabJsonContext.Default.AgentPollRequest, instances).ConfigureAwait(false);
            if (inst is null)
            {
                return Results.Empty;
            }
            var wait = TimeSpan.FromSeconds(Math.Clamp(req!.WaitSeconds, 0, 30));
            var until = clock.Real.GetUtcNow() + wait;
            signals.PollOpen(inst.InstanceId, true);
            // A pause, speed change or jump answers the poll at once, so the agent paces its simulated work by the new clock
            // now rather than at its next poll.
            var clockChanged = new System.Runtime.CompilerServices.StrongBox<bool>();
            void OnClockChanged()
            {
                Volatile.Write(ref clockChanged.Value, true);
                signals.WorkAvailable(inst.InstanceId);
            }
            clock.Changed += OnClockChanged;
            try
            {
                while (true)
                {
                    signals.Seen(inst.InstanceId);
                    instances.Ping(inst.InstanceId, clock.GetUtcNow());
                    var now = clock.GetUtcNow();
                    var due = commands.TakeDeliverable(inst.InstanceId, now, now - Redelivery * Math.Max(clock.EffectiveSpeed, 1));
                    var left = until - clock.Real.GetUtcNow();
                    if (due.Count > 0 || left <= TimeSpan.Zero || Volatile.Read(ref clockChanged.Value))
                    {
                        var resp = new AgentPollResponse { Clock = new AgentClock { Now = now, Speed = clock.EffectiveSpeed } };
                        resp.Messages.AddRange(due.Select(ToMessage(commands)));
                        return Json(resp, PatchLabJsonContext.Default.AgentPollResponse);
                    }
                    // Wake at work, or at least every 5 s so a redelivery or a clock change is noticed.
                    await signals.WaitForWorkAsync(inst.InstanceId, left < TimeSpan.FromSeconds(5) ? left : TimeSpan.FromSeconds(5), stop.Token)
                        .ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
            finally
            {
                clock.Changed -= OnClockChanged;
                signals.PollOpen(inst.InstanceId, false);
            }
        });

        g.MapPost("/ack", (HttpContext ctx, InstanceRepository instances, CommandBackend backend, AgentSignals signals) =>
            Handle(ctx, PatchLabJsonContext.Default.AgentAckRequest, instances, signals, (inst, req) =>
            {
                backend.AcknowledgeMessage(inst.InstanceId, req.MessageId);
                return Results.Ok();
            }));

        g.MapPost("/reply", async (HttpContext ctx, InstanceRepository instances, CommandBackend backend, AgentSignals signals) =>
        {
            var (inst, req) = await ReadAsync(ctx, PatchLabJsonContext.Default.AgentReply, instances).ConfigureAwait(false);
            if (inst is null)
            {
                return Results.Empty;
            }
            signals.Seen(inst.InstanceId);
            if (CommandIdOf(req!.MessageId, inst.InstanceId) is not { } commandId || commandId != req.CommandId)
            {
                return Results.Json(new LabError { Type = "InvalidMessage", Message = $"Message {req.MessageId} is not addressed to {inst.InstanceId}." },
                    PatchLabJsonContext.Default.LabError, statusCode: 403);
            }
            await backend.ApplyReplyAsync(inst.InstanceId, req, ctx.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        });

        g.MapPost("/snapshot", (HttpContext ctx, InstanceRepository instances, PatchBaselineBackend baselines, AgentSignals signals, Faults.FaultHolds faults) =>
            Handle(ctx, PatchLabJsonContext.Default.AgentSnapshotRequest, instances, signals, (inst, req) =>
            {
                // Resolution (reference 5.4): BaselineOverride → patch group baseline → account default → AWS predefined, frozen per SnapshotId.
                // A bad BaselineOverride is an AwsException: the host answers 400 {"__type","message"} and the agent fails the step.
                var answer = baselines.AnswerAgent(inst, req);
                // Install faults travel on the instance's own authenticated channel, at the moment it installs (issue 7).
                answer.Faults = faults.InstallFaultsFor(inst.InstanceId);
                return Json(answer, PatchLabJsonContext.Default.AgentSnapshotResponse);
            }));

        g.MapPost("/object", (HttpContext ctx, InstanceRepository instances, ObjectStore objects, AgentSignals signals) =>
            Handle(ctx, PatchLabJsonContext.Default.AgentObjectRequest, instances, signals, (inst, req) =>
                // InstallOverrideList: the payload downloads the YAML list from S3; here the lab's object store answers.
                Json(objects.Get(req.Url.Trim()), PatchLabJsonContext.Default.AgentObjectResponse)));

        g.MapPost("/patch-report", (HttpContext ctx, InstanceRepository instances, ComplianceRepository compliance, EventLog events, AgentSignals signals) =>
            Handle(ctx, PatchLabJsonContext.Default.AgentPatchReport, instances, signals, (inst, req) =>
            {
                var patches = req.Patches.Select(p => new InstancePatch
                {
                    InstanceId = inst.InstanceId, KBId = p.KBId, Title = p.Title, Classification = p.Classification, Severity = p.Severity, State = p.State,
                    InstalledTime = p.InstalledTime, CveIds = p.CveIds, ComplianceLevel = p.ComplianceLevel,
                }).ToList();
                var nonCompliant = patches.Where(p => p.State is "Missing" or "Failed" or "InstalledPendingReboot" or "InstalledRejected").ToList();
                var state = new PatchState
                {
                    InstanceId = inst.InstanceId, PatchGroup = req.PatchGroup, BaselineId = req.BaselineId, SnapshotId = req.SnapshotId,
                    InstallOverrideList = req.InstallOverrideList.Length > 0 ? req.InstallOverrideList : null,
                    Installed = Count("Installed"), InstalledOther = Count("InstalledOther"), InstalledPendingReboot = Count("InstalledPendingReboot"),
                    InstalledRejected = Count("InstalledRejected"), Missing = Count("Missing"), Failed = Count("Failed"), NotApplicable = Count("NotApplicable"),
                    UnreportedNotApplicable = 0, Operation = req.Operation, OperationStartTime = req.OperationStartTime, OperationEndTime = req.OperationEndTime,
                    RebootOption = req.RebootOption, LastNoRebootInstallOperationTime = req.LastNoRebootInstallOperationTime,
                    CriticalNonCompliant = nonCompliant.Count(p => p.ComplianceLevel == "CRITICAL"),
                    SecurityNonCompliant = nonCompliant.Count(p => p.ComplianceLevel != "CRITICAL" && p.Classification == "Security"),
                    OtherNonCompliant = nonCompliant.Count(p => p.ComplianceLevel != "CRITICAL" && p.Classification != "Security"),
                    CommandId = req.CommandId,
                };
                compliance.Replace(state, patches);
                events.Add("compliance", $"{inst.InstanceId} {req.Operation}: {state.Installed} installed, {state.Missing} missing, {state.Failed} failed, {state.InstalledPendingReboot} pending reboot");
                return Results.Ok();

                int Count(string s) => patches.Count(p => p.State == s);
            }));
    }

    private static Func<CommandInvocation, AgentMessage> ToMessage(CommandRepository commands) => inv =>
    {
        var cmd = commands.Get(inv.CommandId)!;
        var doc = Documents.Find(cmd.DocumentName);
        return new AgentMessage
        {
            // A Cancel message has its own id (the agent acknowledges it separately and finds the document by CommandId).
            MessageId = inv.StatusDetails == "Cancelling" ? AgentMessageIds.Cancel(inv.CommandId, inv.InstanceId) : AgentMessageIds.Run(inv.CommandId, inv.InstanceId),
            Kind = inv.StatusDetails == "Cancelling" ? "Cancel" : "Run", CommandId = inv.CommandId,
            DocumentName = cmd.DocumentName, DocumentVersion = cmd.DocumentVersion,
            Parameters = cmd.Parameters.ToDictionary(k => k.Key, k => k.Value.ToList()), ExecutionTimeoutSeconds = doc?.StepTimeoutSeconds ?? 3600,
        };
    };

    /// <summary>aws.ssm.&lt;CommandId&gt;.&lt;InstanceId&gt; → CommandId, only when addressed to this instance.</summary>
    private static string? CommandIdOf(string messageId, string instanceId)
    {
        const string prefix = "aws.ssm.";
        var suffix = "." + instanceId;
        return messageId.StartsWith(prefix, StringComparison.Ordinal) && messageId.EndsWith(suffix, StringComparison.Ordinal)
            ? messageId[prefix.Length..^suffix.Length]
            : null;
    }

    private static async Task<IResult> Handle<T>(HttpContext ctx, JsonTypeInfo<T> type, InstanceRepository instances, AgentSignals signals,
        Func<Instance, T, IResult> handler)
    {
        var (inst, req) = await ReadAsync(ctx, type, instances).ConfigureAwait(false);
        if (inst is null)
        {
            return Results.Empty;
        }
        signals.Seen(inst.InstanceId);
        return handler(inst, req!);
    }

    /// <summary>Authenticates the caller and reads the body. On failure the response is already written and the instance is null.</summary>
    private static async Task<(Instance? Instance, T? Body)> ReadAsync<T>(HttpContext ctx, JsonTypeInfo<T> type, InstanceRepository instances)
    {
        var id = ctx.Request.Headers[AgentProtocol.InstanceHeader].ToString();
        var token = ctx.Request.Headers[AgentProtocol.TokenHeader].ToString();
        var inst = string.IsNullOrEmpty(id) ? null : instances.Get(id);
        if (inst is null || string.IsNullOrEmpty(token)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(FleetService.HashToken(token)), Encoding.ASCII.GetBytes(inst.TokenHash)))
        {
            ctx.Response.StatusCode = 403;
            await ctx.Response.WriteAsJsonAsync(new LabError { Type = "AccessDenied", Message = $"The token does not belong to instance '{id}'." },
                PatchLabJsonContext.Default.LabError).ConfigureAwait(false);
            return (null, default);
        }
        if (inst.State == "terminated")
        {
            ctx.Response.StatusCode = 403;
            await ctx.Response.WriteAsJsonAsync(new LabError { Type = "InstanceTerminated", Message = $"Instance {id} is terminated." },
                PatchLabJsonContext.Default.LabError).ConfigureAwait(false);
            return (null, default);
        }
        try
        {
            var body = await JsonSerializer.DeserializeAsync(ctx.Request.Body, type, ctx.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                throw new JsonException("empty body");
            }
            return (inst, body);
        }
        catch (JsonException e)
        {
            ctx.Response.StatusCode = 400;
            await ctx.Response.WriteAsJsonAsync(new LabError { Type = "SerializationException", Message = $"Bad agent request body: {e.Message}" },
                PatchLabJsonContext.Default.LabError).ConfigureAwait(false);
            return (null, default);
        }
    }

    private static IResult Json<T>(T value, JsonTypeInfo<T> type) => Results.Json(value, type);
}
