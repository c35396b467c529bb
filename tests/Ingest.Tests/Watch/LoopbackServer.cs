using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CommunityJustice.Analytics.Ingest.Tests.Watch;

/// <summary>A scripted answer of the stand-in server.</summary>
public sealed record Reply(int Status, byte[]? Body = null, IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>A request the stand-in server received, with when (on a monotonic clock) it arrived.</summary>
public sealed record ReceivedRequest(string Path, string? IfNoneMatch, string? IfModifiedSince, TimeSpan At);

/// <summary>
/// An HTTP stand-in for a partner's file host, on 127.0.0.1 only, answering each request with the
/// test's <see cref="Handler"/> and recording every request. Stops when disposed.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _loop;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public Uri BaseAddress { get; }
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();
    public Func<HttpListenerRequest, Reply> Handler { get; set; } = _ => new Reply(404);

    public LoopbackServer()
    {
        // A free port can be taken between asking and listening; a few tries cover that.
        for (var attempt = 1; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                BaseAddress = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
        _loop = Task.Run(ServeAsync);
    }

    public IReadOnlyList<ReceivedRequest> RequestsFor(string path) => [.. Requests.Where(r => r.Path == path)];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }

            var request = context.Request;
            Requests.Enqueue(new ReceivedRequest(request.Url!.AbsolutePath, request.Headers["If-None-Match"], request.Headers["If-Modified-Since"], _clock.Elapsed));
            var response = context.Response;
            try
            {
                var reply = Handler(request);
                response.StatusCode = reply.Status;
                foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) response.AddHeader(name, value);
                if (reply.Body is { } body)
                {
                    response.ContentType = "text/csv; charset=utf-8";
                    response.ContentLength64 = body.Length;
                    await response.OutputStream.WriteAsync(body);
                }
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client went away; the next request is served as usual.
            }
            finally
            {
                try { response.Close(); } catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
