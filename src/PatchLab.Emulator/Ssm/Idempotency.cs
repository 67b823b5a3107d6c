using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PatchLab.Emulator.Wire;
using PatchLab.Storage;

namespace PatchLab.Emulator.Ssm;

/// <summary>
/// ClientToken idempotency: the same token with the same parameters returns the first result; with different
/// parameters it is IdempotentParameterMismatch.
/// </summary>
internal sealed class Idempotency(MetaRepository meta)
{
    public string? Lookup(string op, RequestReader r)
    {
        var token = r.String("ClientToken", min: 1, max: 64);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        var saved = meta.Get($"idem:{op}:{token}");
        if (saved is null)
        {
            return null;
        }
        var sep = saved.IndexOf('|', StringComparison.Ordinal);
        if (saved[(sep + 1)..] != Fingerprint(r.Root))
        {
            throw new IdempotentParameterMismatchException(
                $"ClientToken '{token}' was already used for a {op} request with different parameters. Use a new ClientToken for a different request.");
        }
        return saved[..sep];
    }

    public void Remember(string op, RequestReader r, string resultId)
    {
        var token = r.String("ClientToken");
        if (!string.IsNullOrEmpty(token))
        {
            meta.Set($"idem:{op}:{token}", resultId + "|" + Fingerprint(r.Root));
        }
    }

    private static string Fingerprint(JsonElement root)
    {
        var sb = new StringBuilder();
        foreach (var p in root.EnumerateObject().Where(p => p.Name != "ClientToken").OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            sb.Append(p.Name).Append('=').Append(p.Value.GetRawText()).Append(';');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
