using PatchLab.Agent.Hosting;
using PatchLab.Agent.State;
using PatchLab.Agent.Transport;

namespace PatchLab.Agent.Tests;

public sealed class AgentOptionsTests
{
    private static readonly Dictionary<string, string> Complete = new()
    {
        ["PATCHLAB_INSTANCE_ID"] = "i-0123456789abcdef0",
        ["PATCHLAB_TOKEN"] = "secret",
        ["PATCHLAB_ENDPOINT"] = "unix:///run/patchlab/agent.sock",
        ["PATCHLAB_OS"] = "AmazonLinux2",
        ["PATCHLAB_AGE_DAYS"] = "90",
    };

    [Fact]
    public void FromEnvironment_ReadsVariables_AndDefaultsThePaths()
    {
        var options = AgentOptions.FromEnvironment(Complete.GetValueOrDefault, "ip-10-0-0-1.ec2.internal");

        Assert.Equal("i-0123456789abcdef0", options.InstanceId);
        Assert.Equal(90, options.AgeDays);
        Assert.Equal("/etc/patchlab/catalog.json", options.CatalogPath);
        Assert.Equal("/var/lib/patchlab", options.StatePath);
        Assert.Equal("ip-10-0-0-1.ec2.internal", options.ComputerName);
        Assert.Null(options.BootId); // no boot id: the binary is the instance's supervisor
    }

    [Fact]
    public void FromEnvironment_ReadsTheBootId_TheSupervisorPasses()
    {
        var env = new Dictionary<string, string>(Complete) { ["PATCHLAB_BOOT_ID"] = "0f8e5a3c2b1d4e6f8a9b0c1d2e3f4a5b" };

        Assert.Equal("0f8e5a3c2b1d4e6f8a9b0c1d2e3f4a5b", AgentOptions.FromEnvironment(env.GetValueOrDefault, "host").BootId);
    }

    [Theory]
    [InlineData("PATCHLAB_TOKEN", null, "PATCHLAB_TOKEN is required")]
    [InlineData("PATCHLAB_AGE_DAYS", "-3", "PATCHLAB_AGE_DAYS must be")]
    [InlineData("PATCHLAB_ENDPOINT", "unix://relative.sock", "absolute path")]
    [InlineData("PATCHLAB_ENDPOINT", "ftp://host", "neither unix")]
    [InlineData("PATCHLAB_BOOT_ID", "two words", "PATCHLAB_BOOT_ID must be 1 to 64 letters, digits or '-'")]
    public void FromEnvironment_NamesTheVariable_WhenAValueIsBad(string name, string? value, string message)
    {
        var env = new Dictionary<string, string>(Complete);
        if (value is null)
        {
            env.Remove(name);
        }
        else
        {
            env[name] = value;
        }

        var error = Assert.Throws<AgentConfigurationException>(() => AgentOptions.FromEnvironment(env.GetValueOrDefault, "host"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unix:///run/patchlab/agent.sock", "/run/patchlab/agent.sock")]
    [InlineData("http://127.0.0.1:4580", null)]
    public void EndpointParser_RecognisesBothTransports(string endpoint, string? socket)
    {
        var parsed = EmulatorEndpointParser.Parse(endpoint);

        Assert.Equal(socket, parsed.SocketPath);
        Assert.EndsWith("/", parsed.BaseAddress.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    // Skipped steps count as Success.
    [InlineData("Success,Success,Success", "Success")]
    // Any failed step fails the document.
    [InlineData("Success,Failed,Success", "Failed")]
    // A step waiting for its reboot keeps the document in progress.
    [InlineData("Success,SuccessAndReboot,Pending", "InProgress")]
    [InlineData("TimedOut", "TimedOut")]
    [InlineData("Success,Cancelled,Cancelled", "Cancelled")]
    public void Merge_FollowsPrecedence(string steps, string expected)
    {
        var statuses = steps.Split(',').Select(Enum.Parse<StepStatus>);

        Assert.Equal(expected, StatusRules.ToWire(StatusRules.Merge(statuses)));
    }
}
