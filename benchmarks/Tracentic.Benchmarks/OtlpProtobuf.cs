namespace Tracentic.Benchmarks;

/// <summary>Counts the spans of an OTLP <c>ExportTraceServiceRequest</c> in protobuf, without a protobuf library.</summary>
internal static class OtlpProtobuf
{
    // ExportTraceServiceRequest.resource_spans = 1; ResourceSpans.scope_spans = 2; ScopeSpans.spans = 2.
    public static int CountSpans(ReadOnlySpan<byte> request)
    {
        var count = 0;
        foreach (var resourceSpans in Fields(request, 1))
        {
            foreach (var scopeSpans in Fields(resourceSpans, 2))
            {
                count += Fields(scopeSpans, 2).Count;
            }
        }

        return count;
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a message (copied: spans cannot be listed).</summary>
    private static List<byte[]> Fields(ReadOnlySpan<byte> message, int number)
    {
        var fields = new List<byte[]>();
        var i = 0;
        while (i < message.Length)
        {
            var key = Varint(message, ref i);
            var (field, wire) = ((int)(key >> 3), (int)(key & 7));
            switch (wire)
            {
                case 0:
                    Varint(message, ref i);
                    break;
                case 1:
                    i += 8;
                    break;
                case 5:
                    i += 4;
                    break;
                case 2:
                    var length = (int)Varint(message, ref i);
                    if (field == number)
                    {
                        fields.Add(message.Slice(i, length).ToArray());
                    }

                    i += length;
                    break;
                default:
                    throw new InvalidDataException($"unexpected protobuf wire type {wire}");
            }
        }

        return fields;
    }

    private static ulong Varint(ReadOnlySpan<byte> data, ref int i)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
