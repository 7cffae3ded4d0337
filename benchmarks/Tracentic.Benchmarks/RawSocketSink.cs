using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tracentic.Benchmarks;

/// <summary>
/// A bare HTTP/1.1 ingest sink on a socket with a 1 MiB receive buffer, for comparison with Kestrel: shows how
/// much of the load test's CPU is the server's. Understands exactly what the exporter sends (Content-Length bodies).
/// </summary>
internal sealed class RawSocketSink : ISink
{
    private static readonly byte[] Token = "\"spanId\":"u8.ToArray();
    private static readonly byte[] Ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"u8.ToArray();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _spans;
    private long _requests;
    private long _bytes;

    public RawSocketSink()
    {
        _listener.Start();
        BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _accepting = AcceptAsync();
    }

    public string BaseUrl { get; }

    public long Spans => Interlocked.Read(ref _spans);

    public long Requests => Interlocked.Read(ref _requests);

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Reset()
    {
        Interlocked.Exchange(ref _spans, 0);
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _bytes, 0);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                _ = ServeAsync(socket);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            socket.ReceiveBufferSize = 1 << 20;
            var filled = 0;
            while (true)
            {
                // Headers.
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    var n = await socket.ReceiveAsync(buffer.AsMemory(filled), _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    filled += n;
                }

                var headers = Encoding.ASCII.GetString(buffer, 0, end);
                var lengthAt = headers.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
                var lineEnd = headers.IndexOf('\r', lengthAt);
                var length = long.Parse(headers.AsSpan(lengthAt + 15, (lineEnd < 0 ? headers.Length : lineEnd) - lengthAt - 15).Trim(), CultureInfo.InvariantCulture);

                // Body: counted as it streams through the buffer, keeping a token's width of overlap.
                var carry = filled - (end + 4);
                buffer.AsSpan(end + 4, carry).CopyTo(buffer);
                long remaining = length - carry;
                var count = 0;
                var scanned = 0;
                while (true)
                {
                    var window = buffer.AsSpan(0, carry);
                    for (var i = window[scanned..].IndexOf(Token); i >= 0; i = window[scanned..].IndexOf(Token))
                    {
                        count++;
                        scanned += i + Token.Length;
                    }

                    if (remaining <= 0)
                    {
                        break;
                    }

                    var keep = Math.Min(Token.Length - 1, carry - scanned);
                    buffer.AsSpan(carry - keep, keep).CopyTo(buffer);
                    carry = keep;
                    scanned = 0;
                    var n = await socket.ReceiveAsync(buffer.AsMemory(carry, (int)Math.Min(buffer.Length - carry, remaining)), _stop.Token);
                    if (n == 0)
                    {
                        return;
                    }

                    carry += n;
                    remaining -= n;
                }

                Interlocked.Add(ref _spans, count);
                Interlocked.Increment(ref _requests);
                Interlocked.Add(ref _bytes, length);
                await socket.SendAsync(Ok, _stop.Token);
                filled = 0; // the exporter sends one request at a time per connection
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            socket.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
    }
}
