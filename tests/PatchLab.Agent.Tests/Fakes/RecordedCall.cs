namespace PatchLab.Agent.Tests.Fakes;

/// <summary>One request the fake emulator received, in arrival order.</summary>
public sealed record RecordedCall(long Order, string Operation, string? InstanceHeader, string? TokenHeader, string Body, int Status);
