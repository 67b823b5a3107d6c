namespace PatchLab.Domain.Ports;

/// <summary>A runtime operation failed; the message says which instance and why.</summary>
public sealed class FleetException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FleetException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public FleetException() { }

    /// <summary>Creates the exception.</summary>
    public FleetException(string message) : base(message) { }
}
