namespace Tracentic.AspNetCore;

/// <summary>
/// Sends the ambient scope's id (<see cref="TracenticScope.Current"/>) in the <see cref="TracenticHeaders.Scope"/>
/// header of outgoing requests, so the receiving service can link its scopes to it. A header the caller set
/// is left as it is; without an ambient scope nothing is added. Register it with
/// <c>services.AddHttpClient(...).AddTracenticScopePropagation()</c>, or chain it into an
/// <see cref="HttpClient"/> yourself.
/// </summary>
public sealed class TracenticScopePropagationHandler : DelegatingHandler
{
    /// <summary>Creates the handler; set <see cref="DelegatingHandler.InnerHandler"/> when not using IHttpClientFactory.</summary>
    public TracenticScopePropagationHandler()
    {
    }

    /// <summary>Creates the handler in front of <paramref name="innerHandler"/>.</summary>
    public TracenticScopePropagationHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AddScopeHeader(request);
        return base.SendAsync(request, cancellationToken);
    }

    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AddScopeHeader(request);
        return base.Send(request, cancellationToken);
    }

    private static void AddScopeHeader(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TracenticScope.Current is { } scope && !request.Headers.Contains(TracenticHeaders.Scope))
        {
            request.Headers.TryAddWithoutValidation(TracenticHeaders.Scope, scope.Id);
        }
    }
}
