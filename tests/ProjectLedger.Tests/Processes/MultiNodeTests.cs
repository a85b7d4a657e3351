using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Shouldly;

namespace ProjectLedger.Tests.Processes;

/// <summary>
/// Two app nodes on one database (LEDGER_MULTINODE: Wolverine assigns the projections to one of
/// them) and a Redis backplane: a browser watching on one node sees a command sent to the other.
/// </summary>
[Trait("Category", "Process")]
[Trait("Category", "Slow")]
public sealed class MultiNodeTests
{
    [Fact]
    public async Task a_watcher_on_one_node_gets_the_figures_after_a_command_on_the_other()
    {
        using var redis = RedisServer.Start();
        var shared = new Dictionary<string, string?>
        {
            ["LEDGER_SCHEMA"] = "m_" + Guid.NewGuid().ToString("N")[..12],
            ["LEDGER_MULTINODE"] = "1",
            ["LEDGER_REDIS"] = redis.Endpoint,
        };
        await using var first = await AppProcess.Start(shared);
        await using var second = await AppProcess.Start(shared);

        var theme = "kaksi-solmua-" + Guid.NewGuid().ToString("N")[..8];
        // One watcher on each node: whichever node runs the projection, one push must cross the backplane.
        var watchers = new List<(HubConnection Connection, Task<JsonElement> Pushed)>();
        foreach (var node in new[] { first, second })
            watchers.Add(await Watch(node, theme));

        using var office = first.Client("projectOffice", "kainuu");
        var created = await office.PostAsJsonAsync("/api/experiments", new
        {
            title = "Etävastaanotto kahdella solmulla", problem = "Pitkät välimatkat.", county = "kainuu",
            themes = new[] { theme }, proposedByRole = "palveluesihenkilö",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        // Projection assignment by leader election takes a few seconds after start-up.
        foreach (var (connection, pushed) in watchers)
        {
            var message = await pushed.WaitAsync(TimeSpan.FromSeconds(45));
            message.GetProperty("dashboard").GetString().ShouldBe("funnel");
            await connection.DisposeAsync();
        }
    }

    private static async Task<(HubConnection, Task<JsonElement>)> Watch(AppProcess node, string theme)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(node.BaseUrl + "/hubs/dashboards", o => o.AccessTokenProvider = () => Task.FromResult<string?>(AppProcess.Token("leadership", "*")))
            .Build();
        var pushed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("dashboardChanged", message =>
        {
            if (message.GetProperty("scope").GetString() == "theme:" + theme && message.GetProperty("data").GetProperty("total").GetInt32() == 1)
                pushed.TrySetResult(message);
        });
        await connection.StartAsync();
        await connection.InvokeAsync<JsonElement>("Watch", "funnel", "theme:" + theme);
        return (connection, pushed.Task);
    }
}

/// <summary>A throw-away redis-server on a free loopback port, without persistence.</summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;
    public string Endpoint { get; }

    private RedisServer(Process process, int port)
    {
        _process = process;
        Endpoint = $"127.0.0.1:{port}";
    }

    public static RedisServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var process = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start (ops/test installs it).");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return new RedisServer(process, port);
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        process.Kill();
        throw new InvalidOperationException("redis-server did not accept connections within 10 s.");
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill();
        _process.Dispose();
    }
}
