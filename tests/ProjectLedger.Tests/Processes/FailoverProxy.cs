using System.Net;
using System.Net.Sockets;

namespace ProjectLedger.Tests.Processes;

/// <summary>
/// A TCP load balancer in front of app nodes, as a county's proxy would be: each new connection goes
/// to the first node in the list that accepts it, so when a node dies its clients' reconnects land
/// on the next one. Bytes are copied both ways; when either side closes, both do.
/// </summary>
public sealed class FailoverProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<int> _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public FailoverProxy(IReadOnlyList<int> backendPorts)
    {
        _backends = backendPorts;
        _listener.Start();
        _accepting = Accept();
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>The node the latest connection went to.</summary>
    public int? LastBackend { get; private set; }

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Serve(client);
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var _ = client;
        foreach (var port in _backends)
        {
            var backend = new TcpClient();
            try
            {
                await backend.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
            }
            catch (SocketException)
            {
                backend.Dispose();
                continue; // that node is down: the next one
            }
            using (backend)
            {
                LastBackend = port;
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = Copy(client.GetStream(), backend.GetStream(), done.Token);
                var down = Copy(backend.GetStream(), client.GetStream(), done.Token);
                await Task.WhenAny(up, down);
                await done.CancelAsync();
            }
            return;
        }
    }

    private static async Task Copy(NetworkStream from, NetworkStream to, CancellationToken token)
    {
        try
        {
            await from.CopyToAsync(to, token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side went away: the connection ends.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
