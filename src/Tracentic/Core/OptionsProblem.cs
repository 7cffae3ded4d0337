namespace Tracentic.Core;

/// <summary>
/// One invalid setting of <see cref="TracenticOptions"/>: the setting's name, what is wrong with it (a phrase that
/// follows the name, e.g. "must be at least 1; got 0") and, when there is one, what to do instead. The engine turns it
/// into an <see cref="ArgumentException"/>; the ASP.NET Core integration into a startup failure that also says where
/// the setting can be made (configuration key, environment variable).
/// </summary>
internal sealed record OptionsProblem(string Setting, string Problem, string? Fix = null)
{
    /// <summary>The message as the engine throws it: <c>TracenticOptions.{Setting} {Problem}; {Fix}.</c></summary>
    public string Message => Fix is null ? $"TracenticOptions.{Setting} {Problem}." : $"TracenticOptions.{Setting} {Problem}; {Fix}.";
}
