namespace PatchLab.Labs.Loading;

/// <summary>One problem in a lab file, at a position.</summary>
/// <param name="File">The file as named to the loader.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What was expected.</param>
public sealed record LabDiagnostic(string File, int Line, int Column, string Message)
{
    /// <summary><c>file:line:column: message</c>, the form compilers use so editors can jump to it.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
