using Xunit;

namespace PatchLab.Testing;

/// <summary>
/// An xUnit class or collection fixture: one PatchLab (emulator + fleet) shared by a test class, removed when the class
/// is done — whether its tests passed or failed. Derive from it and override <see cref="Configure"/> to choose the
/// runtime, clock and instances.
/// <code>
/// public sealed class ProductionFleet : PatchLabFixture
/// {
///     protected override void Configure(PatchLabBuilder lab) =>
///         lab.WithRuntime(PatchLabRuntime.Process).WithInstances(new InstanceGroup(3, tags: new Dictionary&lt;string, string&gt; { ["Patch Group"] = "Production" }));
/// }
/// public sealed class MyTests(ProductionFleet lab) : IClassFixture&lt;ProductionFleet&gt; { ... lab.Emulator.Ssm ... }
/// </code>
/// </summary>
public class PatchLabFixture : IAsyncLifetime
{
    private PatchLabEmulator? _emulator;

    /// <summary>The running PatchLab (available once xUnit has initialised the fixture).</summary>
    public PatchLabEmulator Emulator => _emulator ?? throw new InvalidOperationException("The PatchLab fixture has not started (or failed to start: see the fixture error).");

    /// <summary>Configures what to start; the default is the Auto runtime with no instances.</summary>
    protected virtual void Configure(PatchLabBuilder lab)
    {
    }

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var builder = new PatchLabBuilder();
        Configure(builder);
        _emulator = await builder.StartAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
        GC.SuppressFinalize(this);
    }
}
