using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using ProjectLedger.Security;
using ProjectLedger.Streams;

namespace ProjectLedger.Dashboards;

/// <summary>
/// Browsers watch a dashboard in a scope and get "dashboardChanged" when its projection moves.
/// Groups are no security boundary: Watch authorises the caller for the scope before joining.
/// </summary>
[Authorize]
public sealed class DashboardHub(IDocumentStore store) : Hub
{
    public const string Path = "/hubs/dashboards";
    public const string ChangedMessage = "dashboardChanged";

    public static string Group(string dashboard, string scope) => dashboard + "|" + scope;

    /// <summary>Joins the scope's group and answers the current figures.</summary>
    public async Task<object> Watch(string dashboard, string scope)
    {
        if (!DashboardReader.Names.Contains(dashboard))
            throw new HubException($"Unknown dashboard '{dashboard}'; watch one of: {string.Join(", ", DashboardReader.Names)}.");
        var user = LedgerUser.From(Context.User!);
        await using var session = store.QuerySession();
        if (await DashboardScope.Authorize(scope, user, session, Context.ConnectionAborted) is { } refusal)
            throw new HubException(refusal switch
            {
                Forbidden f => "Forbidden: " + f.Detail,
                NotFound n => n.Detail,
                Invalid i => string.Join(" ", i.Errors.SelectMany(e => e.Value)),
                _ => "Not allowed.",
            });
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(dashboard, scope), Context.ConnectionAborted);
        return new DashboardChanged(dashboard, scope, await DashboardReader.Read(dashboard, session, scope, Context.ConnectionAborted));
    }

    public Task Unwatch(string dashboard, string scope) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(dashboard, scope), Context.ConnectionAborted);
}

public sealed record DashboardChanged(string Dashboard, string Scope, object Data);
