namespace PatchLab.Labs.Running;

/// <summary>The emulator refused part of a lab (or could not run it): the message names the lab item and the emulator's answer.</summary>
public sealed class LabApplyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabApplyException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public LabApplyException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public LabApplyException(string message, Exception inner) : base(message, inner)
    {
    }
}
