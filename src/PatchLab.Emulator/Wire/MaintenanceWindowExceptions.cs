namespace PatchLab.Emulator.Wire;

// Maintenance-window errors beyond the shared ones in AwsException.cs (reference 8).

/// <summary>DeregisterTargetFromMaintenanceWindow with Safe=true on a target a task still references.</summary>
public sealed class TargetInUseException(string message) : AwsException("TargetInUseException", message);
