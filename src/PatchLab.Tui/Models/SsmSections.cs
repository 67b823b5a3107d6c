using Amazon.Runtime;

namespace PatchLab.Tui.Models;

/// <summary>Reads a list through <see cref="ISsmConsole"/> as a <see cref="Section{T}"/>: an AWS error or a missing endpoint becomes its reason.</summary>
public static class SsmSections
{
    /// <summary>Why nothing can be read without an SSM endpoint.</summary>
    public const string NoEndpoint = "not available: the dashboard has no SSM endpoint";

    /// <summary>
    /// The items <paramref name="read"/> returns, or the reason they could not be read: no endpoint, an operation the
    /// emulator does not implement, or an AWS error answer. Transport failures (no emulator) are thrown.
    /// </summary>
    public static async Task<Section<T>> LoadAsync<T>(ISsmConsole? ssm, string operation, Func<ISsmConsole, Task<IReadOnlyList<T>>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (ssm is null)
        {
            return new Section<T>([], NoEndpoint);
        }

        try
        {
            return new Section<T>(await read(ssm).ConfigureAwait(false));
        }
        catch (AmazonServiceException ex) when (ex.ErrorCode == SsmDashboardData.NotImplementedCode)
        {
            return new Section<T>([], $"not available yet: the emulator does not implement {operation}");
        }
        catch (AmazonServiceException ex) when (!string.IsNullOrEmpty(ex.ErrorCode))
        {
            return new Section<T>([], $"✗ {operation}: {ex.ErrorCode}: {ex.Message}");
        }
    }
}
