namespace Tracentic.Local;

/// <summary>A request body that is not the OTLP/HTTP JSON the ingest API accepts. The message names the field.</summary>
public sealed class OtlpFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OtlpFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public OtlpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public OtlpFormatException()
    {
    }
}
