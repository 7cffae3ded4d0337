using System.Buffers;
using Tracentic.Core;

namespace Tracentic.Export.Wire;

/// <summary>
/// Everything a request body holds before its first span, the same in every wire flavour: the resource
/// (<c>service.*</c>, <c>deployment.environment</c>, <c>telemetry.sdk.*</c>), the instrumentation scope
/// <c>{name: "Tracentic", version}</c> and the opening of the spans array. Encoded once per writer.
/// </summary>
internal static class ResourceHeader
{
    public static byte[] Encode(TracenticSettings settings)
    {
        var json = new ArrayBufferWriter<byte>(512);
        var max = AttributeLimits.PlatformMaxStringValueLength;
        JsonBytes.Raw(json, "{\"resourceSpans\":[{\"resource\":{\"attributes\":["u8);
        AttributeJson.Write(json, "service.name", AttributeValue.String(JsonText.Clean(settings.ServiceName, max)));
        if (settings.ServiceVersion is { } version)
        {
            JsonBytes.Raw(json, ","u8);
            AttributeJson.Write(json, "service.version", AttributeValue.String(JsonText.Clean(version, max)));
        }

        JsonBytes.Raw(json, ","u8);
        AttributeJson.Write(json, "deployment.environment", AttributeValue.String(JsonText.Clean(settings.Environment, max)));
        JsonBytes.Raw(json, ","u8);
        AttributeJson.Write(json, "telemetry.sdk.name", AttributeValue.String(SdkInfo.Name));
        JsonBytes.Raw(json, ","u8);
        AttributeJson.Write(json, "telemetry.sdk.language", AttributeValue.String("dotnet"));
        JsonBytes.Raw(json, ","u8);
        AttributeJson.Write(json, "telemetry.sdk.version", AttributeValue.String(SdkInfo.Version));
        JsonBytes.Raw(json, "]},\"scopeSpans\":[{\"scope\":{\"name\":"u8);
        JsonBytes.Quoted(json, SdkInfo.ScopeName);
        JsonBytes.Raw(json, ",\"version\":"u8);
        JsonBytes.Quoted(json, SdkInfo.Version);
        JsonBytes.Raw(json, "},\"spans\":["u8);
        return json.WrittenSpan.ToArray();
    }
}
