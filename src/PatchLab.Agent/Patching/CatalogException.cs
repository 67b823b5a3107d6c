namespace PatchLab.Agent.Patching;

/// <summary>The package catalog is missing or malformed; the message names the file and the field.</summary>
internal sealed class CatalogException : Exception
{
    public CatalogException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
