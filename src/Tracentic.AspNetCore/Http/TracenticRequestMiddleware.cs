using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Tracentic.AspNetCore.Http;

/// <summary>
/// Enters a <see cref="TracenticRequestContext"/> for each request: the attributes computed by
/// <see cref="TracenticAspNetCoreOptions.RequestAttributes"/> and, when linking is on, the incoming
/// <see cref="TracenticHeaders.Scope"/> id. The context lives in an async-local set inside this middleware's
/// own async method, so it flows to the request's work only and is gone when the request ends, however it ends.
/// </summary>
internal sealed partial class TracenticRequestMiddleware
{
    internal const string LoggerCategory = "Tracentic.AspNetCore";

    // Marks a request already handled by an explicitly placed middleware (UseTracentic called twice).
    private static readonly object s_handledKey = new();

    private readonly RequestDelegate _next;
    private readonly Func<HttpContext, Dictionary<string, object?>?>? _requestAttributes;
    private readonly bool _linkIncomingScope;
    private readonly bool _placedExplicitly;
    private readonly ILogger _logger;

    private TracenticRequestMiddleware(
        RequestDelegate next,
        TracenticAspNetCoreOptions options,
        ILogger logger,
        bool placedExplicitly)
    {
        _next = next;
        _requestAttributes = options.RequestAttributes;
        _linkIncomingScope = options.LinkIncomingScope;
        _placedExplicitly = placedExplicitly;
        _logger = logger;
    }

    /// <summary>The middleware for <paramref name="next"/>, or <paramref name="next"/> itself when the options ask for nothing per request.</summary>
    public static RequestDelegate Create(IServiceProvider services, RequestDelegate next, bool placedExplicitly)
    {
        var options = services.GetRequiredService<IOptions<TracenticAspNetCoreOptions>>().Value;
        if (options.RequestAttributes is null && !options.LinkIncomingScope)
        {
            return next;
        }

        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(LoggerCategory)
            ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        return new TracenticRequestMiddleware(next, options, logger, placedExplicitly).InvokeAsync;
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (_placedExplicitly)
        {
            if (context.Items.ContainsKey(s_handledKey))
            {
                return _next(context);
            }

            context.Items[s_handledKey] = null;
        }

        return InvokeInRequestContextAsync(context);
    }

    private async Task InvokeInRequestContextAsync(HttpContext context)
    {
        var attributes = EvaluateAttributes(context);
        var parentScopeId = _linkIncomingScope ? context.GetTracenticScopeId() : null;
        using (TracenticRequestContext.Enter(attributes, parentScopeId))
        {
            await _next(context).ConfigureAwait(false);
        }
    }

    private Dictionary<string, object?>? EvaluateAttributes(HttpContext context)
    {
        if (_requestAttributes is null)
        {
            return null;
        }

        try
        {
            return _requestAttributes(context);
        }
        catch (Exception ex)
        {
            // Observability must not fail the request it observes.
            LogRequestAttributesFailed(_logger, ex);
            return null;
        }
    }

    // 3xx (data) in the one event-id catalogue of the SDK (Tracentic/Engine/LogMessages.cs): ids are never reused.
    [LoggerMessage(
        EventId = 309,
        Level = LogLevel.Warning,
        Message = "TracenticAspNetCoreOptions.RequestAttributes threw; this request's spans carry no request attributes. Fix the function so it handles every request.")]
    private static partial void LogRequestAttributesFailed(ILogger logger, Exception exception);
}
