namespace Tracentic.AspNetCore.Hosting;

/// <summary>Registered by <c>AddTracentic</c>: shows it ran (for idempotence and for <c>UseTracentic</c>'s check).</summary>
internal sealed class TracenticServicesMarker;
