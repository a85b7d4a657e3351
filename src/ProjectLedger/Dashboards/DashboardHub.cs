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

    /// <summary>Who sees small counts (auditors) watches apart from everyone else.</summary>
    public static string Group(string dashboard, string scope, bool reveal) => dashboard + "|" + scope + (reveal ? "|all" : "");

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
        var reveal = PrivateCount.Reveals(user);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(dashboard, scope, reveal), Context.ConnectionAborted);
        return new DashboardChanged(dashboard, scope, await DashboardReader.Read(dashboard, session, scope, reveal, Context.ConnectionAborted));
    }

    public Task Unwatch(string dashboard, string scope) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(dashboard, scope, PrivateCount.Reveals(LedgerUser.From(Context.User!))), Context.ConnectionAborted);
}

public sealed record DashboardChanged(string Dashboard, string Scope, object Data);
