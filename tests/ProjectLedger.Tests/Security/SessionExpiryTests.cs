using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using ProjectLedger.Security;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Security;

/// <summary>A hub connection does not outlive its token: it is closed at expiry, and a call after it is refused.</summary>
[Collection(LedgerCollection.Name)]
public sealed class SessionExpiryTests(LedgerApp app)
{
    private HubConnection Connect(string token)
    {
        var server = app.Host.Server;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/dashboards"), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
    }

    private string ShortLivedToken(TimeSpan lifetime) =>
        app.Host.Services.GetRequiredService<TokenIssuer>().Issue("watcher", "leadership", "*", lifetime);

    [Fact]
    public async Task the_hub_closes_a_connection_when_its_token_expires()
    {
        await using var connection = Connect(ShortLivedToken(TimeSpan.FromSeconds(3)));
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        await connection.StartAsync();
        await connection.InvokeAsync<object>("Watch", "funnel", "national");

        var finished = await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        finished.ShouldBe(closed.Task, "the connection stayed open well after its token expired");
        connection.State.ShouldBe(HubConnectionState.Disconnected);
    }

    [Fact]
    public async Task a_call_after_the_token_expired_is_refused()
    {
        var filter = new SessionExpiryFilter(new FixedClock(DateTimeOffset.UtcNow.AddMinutes(5)));
        var context = new FakeHubCallerContext(DateTimeOffset.UtcNow);
        var invocation = new HubInvocationContext(context, null!, null!, typeof(object).GetMethod(nameof(ToString))!, []);
        var called = false;
        var error = await Should.ThrowAsync<HubException>(async () => await filter.InvokeMethodAsync(invocation, _ => { called = true; return ValueTask.FromResult<object?>(null); }));
        error.Message.ShouldBe(SessionExpiryFilter.ExpiredMessage);
        called.ShouldBeFalse();
        context.Aborted.ShouldBeTrue();
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class FakeHubCallerContext(DateTimeOffset expires) : HubCallerContext
    {
        public bool Aborted { get; private set; }
        public override string ConnectionId => "c1";
        public override string? UserIdentifier => "watcher";
        public override System.Security.Claims.ClaimsPrincipal? User => null;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?> { [SessionExpiryFilter.ExpiresKey] = expires };
        public override Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;
        public override void Abort() => Aborted = true;
    }
}
