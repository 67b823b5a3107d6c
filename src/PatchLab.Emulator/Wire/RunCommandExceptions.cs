namespace PatchLab.Emulator.Wire;

// SendCommand and CancelCommand errors (reference 3.1 and 8). AWS often sends these with an empty message; PatchLab
// says what is wrong and what would be accepted instead.

/// <summary>Unknown document name or ARN.</summary>
public sealed class InvalidDocumentException(string message) : AwsException("InvalidDocument", message);

/// <summary>The document has no such version.</summary>
public sealed class InvalidDocumentVersionException(string message) : AwsException("InvalidDocumentVersion", message);

/// <summary>An undeclared, missing or disallowed document parameter.</summary>
public sealed class InvalidParametersException(string message) : AwsException("InvalidParameters", message);

/// <summary>The same instance id twice in one request.</summary>
public sealed class DuplicateInstanceIdException(string message) : AwsException("DuplicateInstanceId", message);

/// <summary>The document does not run on the instances' platform.</summary>
public sealed class UnsupportedPlatformTypeException(string message) : AwsException("UnsupportedPlatformType", message);
