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
    /// <remarks>The scope is normalised as REST does it; the answer names the group's scope, which every push carries.</remarks>
    public async Task<object> Watch(string dashboard, string scope)
    {
        if (!DashboardReader.Names.Contains(dashboard))
            throw new HubException($"Unknown dashboard '{dashboard}'; watch one of: {string.Join(", ", DashboardReader.Names)}.");
        if (DashboardScope.TryParse(scope, out var watched) is { } invalid)
            throw new HubException(string.Join(" ", invalid.Errors.SelectMany(e => e.Value)));
        var user = LedgerUser.From(Context.User!);
        await using var session = store.QuerySession();
        if (await watched.Authorize(user, session, Context.ConnectionAborted) is { } refusal)
            throw new HubException(refusal switch
            {
                Forbidden f => "Forbidden: " + f.Detail,
                NotFound n => n.Detail,
                Invalid i => string.Join(" ", i.Errors.SelectMany(e => e.Value)),
                _ => "Not allowed.",
            });
        var reveal = PrivateCount.Reveals(user);
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(dashboard, watched.Id, reveal), Context.ConnectionAborted);
        return new DashboardChanged(dashboard, watched.Id, await DashboardReader.Read(dashboard, session, watched, reveal, Context.ConnectionAborted));
    }

    public Task Unwatch(string dashboard, string scope) => DashboardScope.TryParse(scope, out var watched) is null
        ? Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(dashboard, watched.Id, PrivateCount.Reveals(LedgerUser.From(Context.User!))), Context.ConnectionAborted)
        : Task.CompletedTask;
}

public sealed record DashboardChanged(string Dashboard, string Scope, object Data);
