namespace PatchLab.Emulator.Wire;

// PutComplianceItems and DescribeInstanceProperties errors (service model). AWS's messages for these are terse; PatchLab
// names the valid form.

/// <summary>One or more compliance items are not valid (duplicate ids, an unsupported compliance type or upload mode).</summary>
public sealed class InvalidItemContentException(string message) : AwsException("InvalidItemContentException", message);

/// <summary>More custom compliance types on one resource than AWS allows (10).</summary>
public sealed class ComplianceTypeCountLimitExceededException(string message) : AwsException("ComplianceTypeCountLimitExceededException", message);

/// <summary>A DescribeInstanceProperties filter value outside the key's value set.</summary>
public sealed class InvalidInstancePropertyFilterValueException(string message) : AwsException("InvalidInstancePropertyFilterValue", message);

/// <summary>An activation id that does not exist (PatchLab has no hybrid activations).</summary>
public sealed class InvalidActivationIdException(string message) : AwsException("InvalidActivationId", message);
