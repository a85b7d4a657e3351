using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.SignalR;

namespace ProjectLedger.Security;

/// <summary>
/// A hub connection lives no longer than the token or session it was opened with: a call after its
/// expiry is refused and the connection closed (MapHub's CloseOnAuthenticationExpiration also closes
/// idle ones, so pushes stop too). The UI then reconnects with its renewed session, or signs in again.
/// </summary>
public sealed class SessionExpiryFilter(TimeProvider clock) : IHubFilter
{
    public const string ExpiresKey = "ledger.expires";

    public const string ExpiredMessage = "Your session has expired. Sign in again to keep watching the dashboards.";

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var expires = context.Context.GetHttpContext()?.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties?.ExpiresUtc;
        if (expires is { } at) context.Context.Items[ExpiresKey] = at;
        return next(context);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocation.Context.Items.TryGetValue(ExpiresKey, out var value) && value is DateTimeOffset expires && clock.GetUtcNow() >= expires)
        {
            invocation.Context.Abort();
            throw new HubException(ExpiredMessage);
        }
        return await next(invocation);
    }
}
