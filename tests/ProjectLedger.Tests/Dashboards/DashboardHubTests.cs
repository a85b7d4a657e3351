using System.Text.Json;
using Marten.Events;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Dashboards;

[Collection(LedgerCollection.Name)]
public sealed class DashboardHubTests(LedgerApp app)
{
    private HubConnection Connect(string role, string county)
    {
        var server = app.Host.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/dashboards"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(app.Token(role, county));
            })
            .Build();
    }

    [Fact]
    public async Task a_watcher_gets_the_new_figures_after_a_command()
    {
        var flow = new DashboardFlow(app);
        await using var connection = Connect("leadership", "*");
        var received = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("dashboardChanged", message =>
        {
            if (message.GetProperty("scope").GetString() == "theme:" + flow.Theme && message.GetProperty("data").GetProperty("total").GetInt32() == 1)
                received.TrySetResult(message);
        });
        await connection.StartAsync();
        var current = await connection.InvokeAsync<JsonElement>("Watch", "funnel", "theme:" + flow.Theme);
        current.GetProperty("data").GetProperty("total").GetInt32().ShouldBe(0);

        await flow.Propose();

        var message = await received.Task.WaitAsync(TimeSpan.FromSeconds(20));
        message.GetProperty("dashboard").GetString().ShouldBe("funnel");
        message.GetProperty("data").GetProperty("stages")[0].GetProperty("current").GetInt32().ShouldBe(1);
    }

    /// <summary>A theme named as people write it ("Ikäihmiset", with capitals and spaces) is one scope for REST and the hub alike.</summary>
    [Fact]
    public async Task watching_a_theme_as_written_answers_the_same_figures_and_scope_as_the_get_and_gets_the_pushes()
    {
        var theme = "Ikäihmiset " + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var office = new Api(app).As("projectOffice", "vantaa-kerava");
        var national = new Api(app).As("leadership", "*");
        object Proposal() => new { title = "Kotihoidon etäkäynnit", problem = "Ikäihmiset jäävät yksin.", county = "vantaa-kerava", themes = new[] { theme }, proposedByRole = "palveluesihenkilö" };
        await office.Post("/api/experiments", Proposal(), 201);
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var rest = await national.Get("/api/dashboards/funnel?theme=" + Uri.EscapeDataString(theme));
        rest["total"]!.GetValue<int>().ShouldBe(1);
        var scope = rest["scope"]!.GetValue<string>();

        await using var connection = Connect("leadership", "*");
        var pushed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<JsonElement>("dashboardChanged", message =>
        {
            if (message.GetProperty("data").GetProperty("total").GetInt32() == 2) pushed.TrySetResult(message);
        });
        await connection.StartAsync();
        var watched = await connection.InvokeAsync<JsonElement>("Watch", "funnel", "theme:" + theme);
        watched.GetProperty("scope").GetString().ShouldBe(scope);
        watched.GetProperty("data").GetProperty("total").GetInt32().ShouldBe(1);

        await office.Post("/api/experiments", Proposal(), 201);
        (await pushed.Task.WaitAsync(TimeSpan.FromSeconds(20))).GetProperty("scope").GetString().ShouldBe(scope);
    }

    [Theory]
    [InlineData("county:helsinki")]
    [InlineData("national")]
    [InlineData("theme:chat")]
    public async Task watch_refuses_scopes_outside_the_callers_county(string scope)
    {
        await using var connection = Connect("projectOffice", "vantaa-kerava");
        await connection.StartAsync();
        var refusal = await Should.ThrowAsync<HubException>(() => connection.InvokeAsync<JsonElement>("Watch", "funnel", scope));
        refusal.Message.ShouldContain("Forbidden");
    }

    [Fact]
    public async Task watch_accepts_the_callers_own_county_and_refuses_unknown_dashboards()
    {
        await using var connection = Connect("projectOffice", "vantaa-kerava");
        await connection.StartAsync();
        var current = await connection.InvokeAsync<JsonElement>("Watch", "pilots", "county:vantaa-kerava");
        current.GetProperty("scope").GetString().ShouldBe("county:vantaa-kerava");
        await Should.ThrowAsync<HubException>(() => connection.InvokeAsync<JsonElement>("Watch", "salaries", "county:vantaa-kerava"));
    }

    [Fact]
    public async Task the_hub_refuses_connections_without_a_token()
    {
        var server = app.Host.Server;
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/dashboards"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
            })
            .Build();
        await Should.ThrowAsync<HttpRequestException>(() => connection.StartAsync());
    }
}
