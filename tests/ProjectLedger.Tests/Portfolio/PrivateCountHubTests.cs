using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Portfolio;

[Collection(LedgerCollection.Name)]
public sealed class PrivateCountHubTests(LedgerApp app)
{
    private HubConnection Connect(string role) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Host.Server.BaseAddress, "/hubs/dashboards"), o =>
        {
            o.Transports = HttpTransportType.LongPolling;
            o.HttpMessageHandlerFactory = _ => app.Host.Server.CreateHandler();
            o.AccessTokenProvider = () => Task.FromResult<string?>(app.Token(role, "*"));
        })
        .Build();

    [Fact]
    public async Task a_push_carries_small_counts_to_auditors_only()
    {
        var flow = new PortfolioFlow(app);
        var scope = "theme:" + flow.Theme;
        await using var leadership = Connect("leadership");
        await using var auditor = Connect("auditor");
        var seenByLeadership = Received(leadership, scope);
        var seenByAuditor = Received(auditor, scope);
        await leadership.StartAsync();
        await auditor.StartAsync();
        await leadership.InvokeAsync<JsonElement>("Watch", "participation", scope);
        await auditor.InvokeAsync<JsonElement>("Watch", "participation", scope);

        var id = await flow.Propose();
        await flow.Participation(id, PortfolioFlow.Today, 2);

        (await seenByLeadership.WaitAsync(TimeSpan.FromSeconds(20))).GetProperty("byKind").GetProperty("client").GetString().ShouldBe("< 5");
        var audited = await seenByAuditor.WaitAsync(TimeSpan.FromSeconds(20));
        audited.GetProperty("byKind").GetProperty("client").GetInt32().ShouldBe(2);
        audited.GetProperty("byKind").GetProperty("ngo").GetInt32().ShouldBe(0);
        var current = await leadership.InvokeAsync<JsonElement>("Watch", "participation", scope);
        current.GetProperty("data").GetProperty("total").GetString().ShouldBe("< 5");
    }

    /// <summary>The first pushed participation of the scope that has anyone in it.</summary>
    private static Task<JsonElement> Received(HubConnection connection, string scope)
    {
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("dashboardChanged", message =>
        {
            if (message.GetProperty("scope").GetString() != scope || message.GetProperty("dashboard").GetString() != "participation") return;
            var total = message.GetProperty("data").GetProperty("total");
            if (total.ValueKind == JsonValueKind.String || total.GetInt32() > 0)
                received.TrySetResult(message.GetProperty("data"));
        });
        return received.Task;
    }
}
