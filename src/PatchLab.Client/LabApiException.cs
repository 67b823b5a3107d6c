namespace PatchLab.Client;

/// <summary>The emulator refused an emulator-only API call.</summary>
public sealed class LabApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabApiException(string code, string message) : base(message) => Code = code;

    /// <summary>Creates the exception.</summary>
    public LabApiException() => Code = "";

    /// <summary>Creates the exception.</summary>
    public LabApiException(string message) : base(message) => Code = "";

    /// <summary>Creates the exception.</summary>
    public LabApiException(string message, Exception inner) : base(message, inner) => Code = "";

    /// <summary>AWS-style error code.</summary>
    public string Code { get; }
}
