namespace PatchLab.Labs.Loading;

/// <summary>A lab file was refused; <see cref="Diagnostics"/> lists every problem found.</summary>
public sealed class LabLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabLoadException(IReadOnlyList<LabDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics)) => Diagnostics = diagnostics;

    /// <summary>Creates the exception.</summary>
    public LabLoadException() => Diagnostics = [];

    /// <summary>Creates the exception.</summary>
    public LabLoadException(string message) : base(message) => Diagnostics = [];

    /// <summary>Creates the exception.</summary>
    public LabLoadException(string message, Exception inner) : base(message, inner) => Diagnostics = [];

    /// <summary>Every problem, in file order.</summary>
    public IReadOnlyList<LabDiagnostic> Diagnostics { get; }
}
