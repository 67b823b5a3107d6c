using System.Text;
using System.Text.Json;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using PatchLab.Storage;
using Task = System.Threading.Tasks.Task;

namespace PatchLab.Emulator.Tests;

/// <summary>SendCommand's request checks and response shape through the AWS SDK (reference 3.1), with scripted agents.</summary>
public sealed class SendCommandTests : IAsyncLifetime
{
    private EmulatorFixture _emu = null!;
    private readonly List<ScriptedAgent> _agents = [];

    public async Task InitializeAsync() => _emu = await EmulatorFixture.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var a in _agents)
        {
            await a.DisposeAsync();
        }
        await _emu.DisposeAsync();
    }

    private async Task<ScriptedAgent> AgentAsync(Dictionary<string, string>? tags = null, string platformType = "Linux")
    {
        var a = await ScriptedAgent.RegisteredAsync(_emu, tags, platformType);
        _agents.Add(a);
        return a;
    }

    private static SendCommandRequest Shell(params string[] ids) => new()
    {
        DocumentName = "AWS-RunShellScript", InstanceIds = [.. ids], Parameters = new() { ["commands"] = ["echo hi"] },
    };

    [Fact]
    public async Task SendCommand_AnswersThePendingCommand_WithAwsDefaultsAndEmptyStrings()
    {
        var a = await AgentAsync();
        var body = JsonSerializer.Serialize(new
        {
            DocumentName = "AWS-RunShellScript", InstanceIds = new[] { a.InstanceId }, Parameters = new Dictionary<string, string[]> { ["commands"] = ["echo hi"] },
        });

        using var http = new HttpClient { BaseAddress = _emu.Endpoint };
        using var req = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body, Encoding.UTF8, "application/x-amz-json-1.1") };
        req.Headers.Add("X-Amz-Target", "AmazonSSM.SendCommand");
        using var resp = await http.SendAsync(req);
        var json = JsonDocument.Parse(await resp.Content.ReadAsStringAsync()).RootElement.GetProperty("Command");

        Assert.True(resp.IsSuccessStatusCode);
        Assert.True(Guid.TryParse(json.GetProperty("CommandId").GetString(), out _));
        // Unset strings are empty strings, not omissions (reference 3.1, real capture).
        foreach (var member in new[] { "Comment", "OutputS3Region", "OutputS3BucketName", "OutputS3KeyPrefix", "ServiceRole" })
        {
            Assert.Equal("", json.GetProperty(member).GetString());
        }
        Assert.Equal("""{"NotificationArn":"","NotificationEvents":[],"NotificationType":""}""", json.GetProperty("NotificationConfig").GetRawText());
        Assert.Equal("$DEFAULT", json.GetProperty("DocumentVersion").GetString());
        Assert.Equal("50", json.GetProperty("MaxConcurrency").GetString());
        Assert.Equal("0", json.GetProperty("MaxErrors").GetString());
        Assert.Equal(3600, json.GetProperty("TimeoutSeconds").GetInt32());
        Assert.Equal("Pending", json.GetProperty("Status").GetString());
        Assert.Equal("Pending", json.GetProperty("StatusDetails").GetString());
        Assert.Equal(1, json.GetProperty("TargetCount").GetInt32());
        Assert.Equal(0, json.GetProperty("CompletedCount").GetInt32());
        Assert.Equal(0, json.GetProperty("ErrorCount").GetInt32());
        Assert.Equal(0, json.GetProperty("DeliveryTimedOutCount").GetInt32());
        Assert.Equal("[]", json.GetProperty("Targets").GetRawText());
        // ExpiresAfter = requested + TimeoutSeconds + the document's 3600 s execution timeout.
        Assert.Equal(7200, json.GetProperty("ExpiresAfter").GetDouble() - json.GetProperty("RequestedDateTime").GetDouble(), 3);
    }

    [Fact]
    public async Task SendCommand_StoresAndEchoesOutputS3NotificationAndComment()
    {
        var a = await AgentAsync();
        var request = Shell(a.InstanceId);
        request.Comment = "nightly check";
        request.OutputS3Region = "eu-west-1";
        request.OutputS3BucketName = "patchlab-logs";
        request.OutputS3KeyPrefix = "runs/";
        request.MaxConcurrency = "25%";
        request.MaxErrors = "1";
        request.TimeoutSeconds = 600;
        request.ServiceRoleArn = "arn:aws:iam::123456789012:role/notify";
        request.NotificationConfig = new NotificationConfig
        {
            NotificationArn = "arn:aws:sns:us-east-1:123456789012:done", NotificationEvents = ["Success", "Failed"], NotificationType = NotificationType.Command,
        };

        var sent = (await _emu.Ssm.SendCommandAsync(request)).Command;
        var listed = (await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = sent.CommandId })).Commands.Single();

        foreach (var c in new[] { sent, listed })
        {
            Assert.Equal("nightly check", c.Comment);
            Assert.Equal("eu-west-1", c.OutputS3Region);
            Assert.Equal("patchlab-logs", c.OutputS3BucketName);
            Assert.Equal("runs/", c.OutputS3KeyPrefix);
            Assert.Equal("25%", c.MaxConcurrency);
            Assert.Equal("1", c.MaxErrors);
            Assert.Equal(600, c.TimeoutSeconds);
            Assert.Equal("arn:aws:iam::123456789012:role/notify", c.ServiceRole);
            Assert.Equal(["Success", "Failed"], c.NotificationConfig.NotificationEvents);
            Assert.Equal(NotificationType.Command, c.NotificationConfig.NotificationType);
            Assert.Equal([a.InstanceId], c.InstanceIds);
        }
        var invocation = (await _emu.Ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = sent.CommandId, Details = true }))
            .CommandInvocations.Single();
        Assert.Equal("nightly check", invocation.Comment);
        Assert.Equal("patchlab-logs", invocation.CommandPlugins.Single().OutputS3BucketName);
    }

    [Fact]
    public async Task SendCommand_ResolvesTagTargets_AndAnswersTargetCountZeroUntilResolved()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        var prod = new[] { await AgentAsync(new() { ["Env"] = tag }), await AgentAsync(new() { ["Env"] = tag }) };
        await AgentAsync(new() { ["Env"] = "other" });

        var sent = (await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", Targets = [new Target { Key = "tag:Env", Values = [tag] }], Parameters = new() { ["commands"] = ["true"] },
        })).Command;
        var listed = (await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = sent.CommandId })).Commands.Single();
        var invocations = (await _emu.Ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = sent.CommandId })).CommandInvocations;

        Assert.Equal(0, sent.TargetCount);
        Assert.True(sent.InstanceIds is null || sent.InstanceIds.Count == 0);
        Assert.Equal("tag:Env", sent.Targets.Single().Key);
        Assert.Equal(2, listed.TargetCount);
        Assert.Equal(prod.Select(p => p.InstanceId).Order(), invocations.Select(i => i.InstanceId).Order());
    }

    [Fact]
    public async Task SendCommand_IsSuccessNoInstancesInTag_WhenNoInstanceMatches()
    {
        var sent = (await _emu.Ssm.SendCommandAsync(new SendCommandRequest
        {
            DocumentName = "AWS-RunShellScript", Targets = [new Target { Key = "tag-key", Values = ["NoSuchKey" + Guid.NewGuid().ToString("N")] }],
            Parameters = new() { ["commands"] = ["true"] },
        })).Command;

        var listed = (await _emu.Ssm.ListCommandsAsync(new ListCommandsRequest { CommandId = sent.CommandId })).Commands.Single();
        Assert.Equal(CommandStatus.Success, listed.Status);
        Assert.Equal("NoInstancesInTag", listed.StatusDetails);
        Assert.Equal(0, listed.TargetCount);
    }

    // One row per error code SendCommand declares that PatchLab can produce (reference 3.1, 8).
    [Theory]
    [InlineData("document", "InvalidDocument", "Document AWS-NoSuchDocument does not exist")]
    [InlineData("version", "InvalidDocumentVersion", "Document AWS-RunShellScript has no version 7")]
    [InlineData("undeclared", "InvalidParameters", "Document AWS-RunShellScript does not accept the parameter(s) Classification")]
    [InlineData("required", "InvalidParameters", "Document AWS-RunShellScript requires the parameter commands")]
    [InlineData("duplicate", "DuplicateInstanceId", "is listed more than once")]
    [InlineData("unknown", "InvalidInstanceId", "is not a managed node of this PatchLab")]
    [InlineData("both", "ValidationException", "Specify either InstanceIds or Targets, not both.")]
    [InlineData("neither", "ValidationException", "Specify the instances to run the command on")]
    [InlineData("concurrency", "ValidationException", "Value '0' at 'maxConcurrency' failed to satisfy constraint")]
    [InlineData("timeout", "ValidationException", "Value '10' at 'timeoutSeconds' failed to satisfy constraint: Member must have value greater than or equal to 30")]
    public async Task SendCommand_Refuses_WithTheAwsCodeAndAHelpfulMessage(string mistake, string code, string message)
    {
        var a = await AgentAsync();
        var r = Shell(a.InstanceId);
        switch (mistake)
        {
            case "document": r.DocumentName = "AWS-NoSuchDocument"; break;
            case "version": r.DocumentVersion = "7"; break;
            case "undeclared": r.Parameters["Classification"] = ["Security"]; break;
            case "required": r.Parameters = new() { ["workingDirectory"] = ["/tmp"] }; break;
            case "duplicate": r.InstanceIds = [a.InstanceId, a.InstanceId]; break;
            case "unknown": r.InstanceIds = ["i-0123456789abcdef0"]; break;
            case "both": r.Targets = [new Target { Key = "tag:Env", Values = ["x"] }]; break;
            case "neither": r.InstanceIds = []; break;
            // Through Unchecked: the SDK's analyzer refuses these literals at compile time; the server must refuse them too.
            case "concurrency": r.MaxConcurrency = Unchecked("0"); break;
            case "timeout": r.TimeoutSeconds = Unchecked(10); break;
        }

        var e = await Assert.ThrowsAnyAsync<AmazonSimpleSystemsManagementException>(() => _emu.Ssm.SendCommandAsync(r));

        Assert.Equal(code, e.ErrorCode);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendCommand_RefusesStoppedAndTerminatedInstances_WithInvalidInstanceId()
    {
        var stopped = await AgentAsync();
        var terminated = await AgentAsync();
        _emu.Get<InstanceRepository>().SetState(stopped.InstanceId, "stopped");
        _emu.Get<InstanceRepository>().SetState(terminated.InstanceId, "terminated");

        var e = await Assert.ThrowsAsync<InvalidInstanceIdException>(() => _emu.Ssm.SendCommandAsync(Shell(stopped.InstanceId, terminated.InstanceId)));

        Assert.Contains($"{stopped.InstanceId} is stopped (start it with `patchlab instance start {stopped.InstanceId}`)", e.Message, StringComparison.Ordinal);
        Assert.Contains($"{terminated.InstanceId} is terminated", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendCommand_RefusesAShellScriptForWindowsOnly_AndMarksMixedTargetsInvalidPlatform()
    {
        var windows = await AgentAsync(platformType: "Windows");
        var linux = await AgentAsync();

        var e = await Assert.ThrowsAsync<UnsupportedPlatformTypeException>(() => _emu.Ssm.SendCommandAsync(Shell(windows.InstanceId)));
        var mixed = (await _emu.Ssm.SendCommandAsync(Shell(windows.InstanceId, linux.InstanceId))).Command;
        var invocation = await WaitForAsync(mixed.CommandId, windows.InstanceId, i => i.StatusDetails == "InvalidPlatform");

        Assert.Contains("runs on Linux, MacOS", e.Message, StringComparison.Ordinal);
        Assert.Equal(CommandInvocationStatus.Failed, invocation.Status);
    }

    [Fact]
    public async Task SendCommand_AcceptsADocumentArn_AndTheDocumentsOneVersion()
    {
        var a = await AgentAsync();
        var r = Shell(a.InstanceId);
        r.DocumentName = "arn:aws:ssm:us-east-1::document/AWS-RunShellScript";
        r.DocumentVersion = "1";

        var sent = (await _emu.Ssm.SendCommandAsync(r)).Command;
        var message = await a.NextMessageAsync();

        Assert.Equal("1", sent.DocumentVersion);
        Assert.Equal(["echo hi"], message.Parameters["commands"]);
        Assert.Equal(["3600"], message.Parameters["executionTimeout"]); // defaults filled in for the agent
    }

    private static T Unchecked<T>(T value) => value;

    private async Task<CommandInvocation> WaitForAsync(string commandId, string instanceId, Func<CommandInvocation, bool> done)
    {
        for (var i = 0; i < 100; i++)
        {
            var inv = (await _emu.Ssm.ListCommandInvocationsAsync(new ListCommandInvocationsRequest { CommandId = commandId, InstanceId = instanceId }))
                .CommandInvocations.SingleOrDefault();
            if (inv is not null && done(inv))
            {
                return inv;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"invocation {commandId}/{instanceId} did not reach the expected state");
    }
}
