namespace PatchLab.Emulator.Wire;

/// <summary>An error answered in the AWS JSON 1.1 shape {"__type","message"}, HTTP 400 unless stated.</summary>
public class AwsException(string code, string message, int statusCode = 400) : Exception(message)
{
    /// <summary>The __type code.</summary>
    public string Code { get; } = code;

    /// <summary>HTTP status.</summary>
    public int StatusCode { get; } = statusCode;
}

/// <summary>Framework validation failure ("1 validation error detected: …").</summary>
public sealed class ValidationException(string message) : AwsException("ValidationException", message);

/// <summary>The resource does not exist.</summary>
public sealed class DoesNotExistException(string message) : AwsException("DoesNotExistException", message);

/// <summary>Same ClientToken, different parameters.</summary>
public sealed class IdempotentParameterMismatchException(string message) : AwsException("IdempotentParameterMismatch", message);

/// <summary>Unknown, unmanaged or not-registered instance.</summary>
public sealed class InvalidInstanceIdException(string message) : AwsException("InvalidInstanceId", message);

/// <summary>Unknown command id.</summary>
public sealed class InvalidCommandIdException(string message) : AwsException("InvalidCommandId", message);

/// <summary>No invocation for that command and instance.</summary>
public sealed class InvocationDoesNotExistException(string message) : AwsException("InvocationDoesNotExist", message);

/// <summary>Plugin name missing or wrong for a multi-step document.</summary>
public sealed class InvalidPluginNameException(string message) : AwsException("InvalidPluginName", message);

/// <summary>Bad NextToken.</summary>
public sealed class InvalidNextTokenException(string message) : AwsException("InvalidNextToken", message);

/// <summary>Bad filter key.</summary>
public sealed class InvalidFilterKeyException(string message) : AwsException("InvalidFilterKey", message);

/// <summary>Bad filter.</summary>
public sealed class InvalidFilterException(string message) : AwsException("InvalidFilter", message);

/// <summary>Bad resource type (tagging).</summary>
public sealed class InvalidResourceTypeException(string message) : AwsException("InvalidResourceType", message);

/// <summary>Bad resource id (tagging).</summary>
public sealed class InvalidResourceIdException(string message) : AwsException("InvalidResourceId", message);

/// <summary>The body is not a JSON object.</summary>
public sealed class SerializationException(string message) : AwsException("SerializationException", message);

/// <summary>An operation of the SSM model PatchLab does not implement (yet). 400 so SDKs do not retry.</summary>
public sealed class NotImplementedOperationException(string operation)
    : AwsException("NotImplementedException",
        $"PatchLab does not implement AmazonSSM.{operation} yet. The implemented operations are listed in docs/coverage.md.");
