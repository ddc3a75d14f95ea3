namespace Saison.Storage;

/// <summary>The store refused an operation (the service's status and error code).</summary>
public sealed class TableStoreException : Exception
{
    public TableStoreException(int status, string errorCode, string message, int? failedActionIndex = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        FailedActionIndex = failedActionIndex;
    }

    public TableStoreException()
        : this(500, "Unknown", "The store refused the operation.")
    {
    }

    public TableStoreException(string message)
        : this(500, "Unknown", message)
    {
    }

    public TableStoreException(string message, Exception innerException)
        : this(500, "Unknown", message, null, innerException)
    {
    }

    /// <summary>HTTP-like status: 404 absent, 409 already exists, 412 ETag mismatch, 400 invalid, 413 too large.</summary>
    public int Status { get; }

    /// <summary>The Table service's error code (<see cref="TableErrorCodes"/>).</summary>
    public string ErrorCode { get; }

    /// <summary>For a transaction, the index of the action that failed.</summary>
    public int? FailedActionIndex { get; }

    public bool IsConflict => Status == 409;

    public bool IsPreconditionFailed => Status == 412;

    public bool IsNotFound => Status == 404;
}

/// <summary>The Table service's error codes that callers act on.</summary>
public static class TableErrorCodes
{
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string UpdateConditionNotSatisfied = "UpdateConditionNotSatisfied";
    public const string ResourceNotFound = "ResourceNotFound";
    public const string TableNotFound = "TableNotFound";
    public const string InvalidInput = "InvalidInput";
    public const string EntityTooLarge = "EntityTooLarge";
}
