using System.Text.RegularExpressions;
using PatchLab.Domain.Ports;

namespace PatchLab.Fleet.Docker.Tests;

/// <summary>The image recipe is computed from host files alone, so none of these need an engine.</summary>
public sealed partial class InstanceImageRecipeTests : IAsyncLifetime
{
    private FleetSandbox? _sandbox;

    private FleetSandbox Sandbox => _sandbox ?? throw new InvalidOperationException("InitializeAsync did not run");

    public Task InitializeAsync()
    {
        _sandbox = FleetSandbox.Create();
        return Task.CompletedTask;
    }

    // Runs even when the test failed; null when InitializeAsync failed (Docker required but unavailable).
    public async Task DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }
    }

    [Fact]
    public async Task CreateAsync_LaysOutScratchRootFilesystem()
    {
        var recipe = await InstanceImageRecipe.CreateAsync(Sandbox.Options(), "AmazonLinux2", CancellationToken.None);

        Assert.Matches(TagPattern(), recipe.Tag);
        Assert.Equal("AmazonLinux2", recipe.Os);
        foreach (var path in new[]
                 {
                     "/usr/bin/patchlab-agent", "/bin/busybox", "/bin/sh", "/usr/bin/env", "/etc/os-release", "/etc/patchlab/catalog.json",
                     "/etc/hostname", "/etc/passwd", "/var/lib/patchlab/", "/tmp/", "/run/patchlab/",
                 })
        {
            Assert.Contains(path, recipe.Paths);
        }

        Assert.Contains("ENTRYPOINT [\"/usr/bin/patchlab-agent\"]", recipe.Changes);
        Assert.Contains("LABEL patchlab.image=\"1\"", recipe.Changes);
        Assert.Contains("LABEL patchlab.os=\"AmazonLinux2\"", recipe.Changes);
    }

    [Fact]
    public async Task CreateAsync_GivesEachOsFlavourItsOwnImage_WithItsOsReleaseAndCatalog()
    {
        // The repository's real catalogs, not the sandbox's placeholder.
        var options = Sandbox.Options() with { CatalogDirectory = Path.Combine(FleetSandbox.RepositoryRoot, "fixtures", "catalogs") };
        var tags = new HashSet<string>();

        foreach (var flavour in Domain.Model.OsFlavor.All)
        {
            var recipe = await InstanceImageRecipe.CreateAsync(options, flavour.Name, CancellationToken.None);

            Assert.Equal(flavour.Name, recipe.Os);
            Assert.Contains($"LABEL patchlab.os=\"{flavour.Name}\"", recipe.Changes);
            Assert.True(tags.Add(recipe.Tag), $"{flavour.Name} shares the tag {recipe.Tag} with another flavour");
        }
        var unknown = await Assert.ThrowsAsync<FleetException>(() => InstanceImageRecipe.CreateAsync(options, "Solaris", CancellationToken.None));
        Assert.Contains("AmazonLinux2, AmazonLinux2023, Ubuntu2204, Debian12, WindowsServer2022", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_AddsLoaderAndLibrariesFromLdd_WhenAgentIsDynamic()
    {
        // /bin/sleep is a small dynamic executable (libc + loader), like the NativeAOT agent.
        var agent = Sandbox.CopyAgent("/bin/sleep");
        var interpreter = ElfFile.TryRead(agent)!.Interpreter!;

        var recipe = await InstanceImageRecipe.CreateAsync(Sandbox.Options(agentPath: agent), "AmazonLinux2", CancellationToken.None);

        Assert.Contains(interpreter, recipe.Paths);
        Assert.Contains(recipe.Paths, p => p.EndsWith("/libc.so.6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tag_IsStable_WhenInputsUnchanged_AndChanges_WhenCatalogChanges()
    {
        var options = Sandbox.Options();
        var first = await InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None);
        var again = await InstanceImageRecipe.CreateAsync(options, "amazonlinux2", CancellationToken.None);
        Sandbox.WriteCatalog("""{"os":"AmazonLinux2","packages":["changed"]}""");
        var changed = await InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None);

        Assert.Equal(first.Tag, again.Tag);
        Assert.NotEqual(first.Tag, changed.Tag);
    }

    [Fact]
    public async Task WriteTar_IsReproducible()
    {
        var recipe = await InstanceImageRecipe.CreateAsync(Sandbox.Options(), "AmazonLinux2", CancellationToken.None);
        using var one = new MemoryStream();
        using var two = new MemoryStream();

        recipe.WriteTar(one);
        recipe.WriteTar(two);

        Assert.Equal(one.ToArray(), two.ToArray());
    }

    [Theory]
    // missing entirely
    [InlineData("/nonexistent/busybox")]
    // present but dynamically linked: it would find no C library in a FROM scratch image
    [InlineData("/bin/sleep")]
    public async Task CreateAsync_NamesBusyboxStaticPackage_WhenBusyboxIsUnusable(string busybox)
    {
        var options = Sandbox.Options() with { BusyboxPath = busybox };

        var ex = await Assert.ThrowsAsync<FleetException>(() => InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None));

        Assert.Contains(busybox, ex.Message, StringComparison.Ordinal);
        Assert.Contains("busybox-static", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NamesTheFile_WhenAgentIsMissing()
    {
        var options = Sandbox.Options(agentPath: "/nonexistent/patchlab-agent");

        var ex = await Assert.ThrowsAsync<FleetException>(() => InstanceImageRecipe.CreateAsync(options, "AmazonLinux2", CancellationToken.None));

        Assert.Contains("/nonexistent/patchlab-agent", ex.Message, StringComparison.Ordinal);
        Assert.Contains("build-agent.sh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_NamesTheFile_WhenCatalogIsMissing()
    {
        File.Delete(Path.Combine(Sandbox.CatalogDirectory, "amazon-linux-2.json"));

        var ex = await Assert.ThrowsAsync<FleetException>(() => InstanceImageRecipe.CreateAsync(Sandbox.Options(), "AmazonLinux2", CancellationToken.None));

        Assert.Contains("amazon-linux-2.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_ListsKnownFlavours_WhenOsIsUnknown()
    {
        var ex = await Assert.ThrowsAsync<FleetException>(() => InstanceImageRecipe.CreateAsync(Sandbox.Options(), "Windows95", CancellationToken.None));

        Assert.Contains("AmazonLinux2", ex.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex("^patchlab-instance:amazonlinux2-[0-9a-f]{12}$")]
    private static partial Regex TagPattern();
}
