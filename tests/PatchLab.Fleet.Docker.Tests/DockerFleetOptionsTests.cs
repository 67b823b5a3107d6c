namespace PatchLab.Fleet.Docker.Tests;

public sealed class DockerFleetOptionsTests
{
    private static readonly DockerFleetOptions Valid = DockerFleetOptions.ForRepository("/repo", "0123456789ab", "/run/patchlab-test");

    [Fact]
    public void ForRepository_UsesRepositoryLayout()
    {
        Assert.Equal("/repo/artifacts/agent/patchlab-agent", Valid.AgentBinaryPath);
        Assert.Equal("/repo/fixtures/catalogs", Valid.CatalogDirectory);
        Assert.Equal("/repo/emulator/image", Valid.ImageRecipeDirectory);
        Assert.Equal(new Uri("unix:///var/run/docker.sock"), Valid.DockerEndpoint);
        Assert.Equal(DockerNetworkMode.None, Valid.NetworkMode);
        Assert.Equal(128 * DockerFleetOptions.MiB, Valid.MemoryLimitBytes);
        Assert.Equal(128, Valid.PidsLimit);
        Valid.Validate();
    }

    public static TheoryData<string, DockerFleetOptions> Invalid => new()
    {
        // label values and container state dirs: lowercase only
        { "SessionId", Valid with { SessionId = "Not Valid" } },
        { "SessionId", Valid with { SessionId = "" } },
        // host networking needs a loopback endpoint for the agent
        { "HostAgentEndpoint", Valid with { NetworkMode = DockerNetworkMode.Host } },
        { "HostAgentEndpoint", Valid with { NetworkMode = DockerNetworkMode.Host, HostAgentEndpoint = new Uri("http://agent.example.com:4580") } },
        // network rule: the engine is reached over a unix socket or loopback only
        { "DockerEndpoint", Valid with { DockerEndpoint = new Uri("tcp://docker.example.com:2375") } },
        // a value outside the enum must not silently become the engine default (bridge)
        { "NetworkMode", Valid with { NetworkMode = (DockerNetworkMode)7 } },
        { "SocketDirectory", Valid with { SocketDirectory = "relative/dir" } },
        { "MemoryLimitBytes", Valid with { MemoryLimitBytes = DockerFleetOptions.MiB } },
        { "PidsLimit", Valid with { PidsLimit = 2 } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_NamesTheSetting_WhenInvalid(string setting, DockerFleetOptions options)
    {
        var ex = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(setting, ex.ParamName);
    }

    [Fact]
    public void Validate_AcceptsHostMode_WithLoopbackEndpoint()
    {
        (Valid with { NetworkMode = DockerNetworkMode.Host, HostAgentEndpoint = new Uri("http://127.0.0.1:4580") }).Validate();
        (Valid with { NetworkMode = DockerNetworkMode.Host, HostAgentEndpoint = new Uri("http://localhost:4580") }).Validate();
    }

    [Fact]
    public void DockerFleet_ValidatesOptions_AtConstruction()
    {
        Assert.Throws<ArgumentException>(() => new DockerFleet(Valid with { SessionId = "UPPER" }));
    }
}
