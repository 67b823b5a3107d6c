namespace PatchLab.Emulator.Wire;

/// <summary>The resource is in use (a baseline registered to a patch group or the default of its OS).</summary>
public sealed class ResourceInUseException(string message) : AwsException("ResourceInUseException", message);

/// <summary>Something with that identity exists already (a patch group's baseline for an OS).</summary>
public sealed class AlreadyExistsException(string message) : AwsException("AlreadyExistsException", message);

/// <summary>The operation is not supported for the baseline's or instance's operating system.</summary>
public sealed class UnsupportedOperatingSystemException(string message) : AwsException("UnsupportedOperatingSystem", message);

/// <summary>A quota is exceeded (patch baselines per account, patch groups per baseline).</summary>
public sealed class ResourceLimitExceededException(string message) : AwsException("ResourceLimitExceededException", message);

/// <summary>More tags than a resource may carry.</summary>
public sealed class TooManyTagsException(string message) : AwsException("TooManyTagsError", message);
