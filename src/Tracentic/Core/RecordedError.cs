namespace Tracentic.Core;

/// <summary>The error of a recorded span: allocated only for errors, so a successful span carries one null reference.</summary>
/// <param name="Type">The exception's short type name (<c>llm.error.type</c>).</param>
/// <param name="FullType">The exception's full type name (<c>error.type</c> of the GenAI conventions).</param>
/// <param name="Message">The status message.</param>
internal sealed record RecordedError(string? Type, string? FullType, string? Message)
{
    /// <summary>The error of <paramref name="exception"/>; a throwing <c>Message</c> must not lose the span.</summary>
    public static RecordedError Of(Exception exception) =>
        new(exception.GetType().Name, exception.GetType().FullName, SafeMessage(exception));

    private static string SafeMessage(Exception exception)
    {
        try
        {
            return exception.Message ?? "";
        }
        catch (Exception ex)
        {
            return $"<{exception.GetType().Name}.Message threw {ex.GetType().Name}>";
        }
    }
}
