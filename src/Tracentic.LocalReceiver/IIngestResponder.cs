namespace Tracentic.Local;

/// <summary>
/// Decides the answer to each request the receiver accepted (right path, key and content type, a valid body), in
/// place of its 200: scripted statuses and faults for the exporter's tests.
/// </summary>
internal interface IIngestResponder
{
    /// <summary>Called once per accepted request, in arrival order, under the receiver's lock.</summary>
    IngestResponse Respond(IngestRequest request);
}
