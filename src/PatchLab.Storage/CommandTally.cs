namespace PatchLab.Storage;

/// <summary>A command's aggregate, derived from its invocations: coarse status, StatusDetails and the three counters.</summary>
/// <param name="Status">Coarse status.</param>
/// <param name="Details">StatusDetails.</param>
/// <param name="Completed">CompletedCount.</param>
/// <param name="Errors">ErrorCount.</param>
/// <param name="DeliveryTimedOut">DeliveryTimedOutCount.</param>
public sealed record CommandTally(string Status, string Details, int Completed, int Errors, int DeliveryTimedOut);
