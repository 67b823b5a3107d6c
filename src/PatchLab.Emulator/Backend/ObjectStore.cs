using System.Text;
using System.Text.RegularExpressions;
using PatchLab.Contracts.Agent;
using PatchLab.Contracts.Lab;
using PatchLab.Emulator.Wire;

namespace PatchLab.Emulator.Backend;

/// <summary>
/// The lab's stand-in for S3: the objects AWS-RunPatchBaseline's InstallOverrideList (and BaselineOverride) point at,
/// kept as files under the state directory (<c>s3/BUCKET/KEY</c>). Objects are put with <c>patchlab s3 put FILE
/// s3://BUCKET/KEY</c> or PUT <see cref="ObjectApi.Object"/>; agents read them through their own authenticated channel,
/// since containers have no network.
/// </summary>
/// <remarks>
/// [U] PatchLab has no internet access: an https:// URL is accepted only in one of S3's own forms
/// (virtual-hosted <c>https://BUCKET.s3[.REGION].amazonaws.com/KEY</c> or path-style
/// <c>https://s3[.REGION].amazonaws.com/BUCKET/KEY</c>), which map to the same store; any other URL is refused with a
/// message naming those forms. Public/private buckets, versions and permissions are not modelled.
/// </remarks>
public sealed partial class ObjectStore(string root)
{
    /// <summary>The forms an object URL may take, for error messages.</summary>
    public const string ValidForms =
        "s3://BUCKET/KEY, https://BUCKET.s3.REGION.amazonaws.com/KEY or https://s3.REGION.amazonaws.com/BUCKET/KEY";

    private const string PutHint = "put the object first with `patchlab s3 put FILE s3://BUCKET/KEY`";

    /// <summary>Directory holding one sub-directory per bucket.</summary>
    public string Root { get; } = root;

    /// <summary>Stores an object (creating the bucket); answers its s3:// URL.</summary>
    public ObjectDto Put(string bucket, string key, byte[] content)
    {
        var path = PathOf(bucket, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllBytes(temp, content);
        File.Move(temp, path, overwrite: true);
        return new ObjectDto { Url = $"s3://{bucket}/{key}", Size = content.Length };
    }

    /// <summary>Every stored object, ordered by URL.</summary>
    public ObjectListDto List()
    {
        var result = new ObjectListDto();
        if (!Directory.Exists(Root))
        {
            return result;
        }
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
            var slash = relative.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && !relative.Contains(".tmp-", StringComparison.Ordinal))
            {
                result.Objects.Add(new ObjectDto { Url = $"s3://{relative[..slash]}/{relative[(slash + 1)..]}", Size = new FileInfo(file).Length });
            }
        }
        result.Objects.Sort((a, b) => string.CompareOrdinal(a.Url, b.Url));
        return result;
    }

    /// <summary>
    /// Reads the object a document parameter names, as S3's GetObject would answer it: the content, or an error code
    /// (InvalidUrl, NoSuchBucket, NoSuchKey) with a message in botocore's wording plus what to do in the lab.
    /// </summary>
    public AgentObjectResponse Get(string url)
    {
        if (!TryParseUrl(url, out var bucket, out var key, out var error))
        {
            return new AgentObjectResponse { Error = "InvalidUrl", Message = error };
        }
        string path;
        try
        {
            path = PathOf(bucket, key);
        }
        catch (ValidationException e)
        {
            return new AgentObjectResponse { Error = "InvalidUrl", Message = e.Message };
        }
        if (!Directory.Exists(Path.Combine(Root, bucket)))
        {
            return new AgentObjectResponse
            {
                Error = "NoSuchBucket",
                Message = $"An error occurred (NoSuchBucket) when calling the GetObject operation: The specified bucket does not exist ({bucket}); {PutHint}.",
            };
        }
        if (!File.Exists(path))
        {
            return new AgentObjectResponse
            {
                Error = "NoSuchKey",
                Message = $"An error occurred (NoSuchKey) when calling the GetObject operation: The specified key does not exist ({key}); {PutHint}.",
            };
        }
        return new AgentObjectResponse { Content = Encoding.UTF8.GetString(File.ReadAllBytes(path)) };
    }

    /// <summary>
    /// Splits an object URL into bucket and key: s3://BUCKET/KEY (the document's pattern
    /// <c>^s3://([^/]+)/(.*?([^/]+))$</c>) or an https URL of S3 form; anything else is refused with a message naming
    /// <see cref="ValidForms"/>.
    /// </summary>
    public static bool TryParseUrl(string url, out string bucket, out string key, out string error)
    {
        bucket = key = error = "";
        if (S3Form().Match(url) is { Success: true } s3)
        {
            (bucket, key) = (s3.Groups[1].Value, s3.Groups[2].Value);
        }
        else if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
        {
            var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
            if (VirtualHosted().Match(uri.Host) is { Success: true } vh && path.Length > 0)
            {
                (bucket, key) = (vh.Groups[1].Value, path);
            }
            else if (PathStyle().IsMatch(uri.Host) && path.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash && slash < path.Length - 1)
            {
                (bucket, key) = (path[..slash], path[(slash + 1)..]);
            }
            else
            {
                error = $"{url} cannot be downloaded: PatchLab has no internet access and serves only its own S3 objects. Use {ValidForms}.";
                return false;
            }
        }
        else
        {
            error = $"{url} is not a valid object URL: use {ValidForms}.";
            return false;
        }
        if (!BucketName().IsMatch(bucket))
        {
            error = $"{url}: '{bucket}' is not a valid S3 bucket name (3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit).";
            return false;
        }
        return true;
    }

    /// <summary>Validates bucket and key for a PUT; the key must not leave its bucket on disk.</summary>
    public string PathOf(string bucket, string key)
    {
        if (!BucketName().IsMatch(bucket))
        {
            throw new ValidationException(
                $"'{bucket}' is not a valid S3 bucket name (3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit).");
        }
        var segments = key.Split('/');
        if (key.Length is 0 or > 1024 || key.Contains('\\', StringComparison.Ordinal) || key.Contains('\0', StringComparison.Ordinal)
            || segments.Any(s => s is "" or "." or ".." || s.Contains(".tmp-", StringComparison.Ordinal)))
        {
            throw new ValidationException(
                $"'{key}' is not a key PatchLab can store: use 1-1024 characters of '/'-separated names, none empty, '.' or '..', without backslashes.");
        }
        return Path.Combine([Root, bucket, .. segments]);
    }

    [GeneratedRegex("^s3://([^/]+)/(.*?[^/]+)$")]
    private static partial Regex S3Form();

    // bucket.s3.amazonaws.com, bucket.s3.us-east-1.amazonaws.com, bucket.s3-us-east-1.amazonaws.com
    [GeneratedRegex(@"^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$")]
    private static partial Regex VirtualHosted();

    // s3.amazonaws.com, s3.us-east-1.amazonaws.com, s3-us-east-1.amazonaws.com
    [GeneratedRegex(@"^s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$")]
    private static partial Regex PathStyle();

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
