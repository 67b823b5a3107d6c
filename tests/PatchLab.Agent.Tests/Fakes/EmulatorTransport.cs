namespace PatchLab.Agent.Tests.Fakes;

/// <summary>How the fake emulator listens.</summary>
public enum EmulatorTransport
{
    Tcp,
    Unix,
}
