namespace Tracentic.Local;

/// <summary>A request the receiver turned down, with the status it answered and why.</summary>
/// <param name="StatusCode">HTTP status sent back.</param>
/// <param name="Reason">The error message sent back.</param>
public sealed record RejectedRequest(int StatusCode, string Reason);
