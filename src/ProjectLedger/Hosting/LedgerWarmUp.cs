using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using JasperFx.Events;
using Npgsql;
using ProjectLedger.Counties;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Security;

namespace ProjectLedger.Hosting;

/// <summary>
/// Before the node listens, it does once what the first requests after a deploy would otherwise do on
/// a user's time: open pooled connections, build the JSON contracts of every event, document, request
/// and response, and take Marten's read and write paths once without storing anything (a load, a
/// stream fetch, and a unit of work that deletes a document that does not exist). Nothing is appended:
/// a rolled-back append would leave a gap in the event sequence that the projections wait out.
/// A warm-up that fails only costs speed, never the start.
/// </summary>
public sealed class LedgerWarmUp(
    IDocumentStore store, NpgsqlDataSource dataSource, EndpointDataSource endpoints, IServiceScopeFactory scopes,
    IDataProtectionProvider protection, IOptions<JsonOptions> http, TimeProvider clock, ILogger<LedgerWarmUp> log) : IHostedService
{
    private const int PooledConnections = 4;

    /// <summary>Whether the whole warm-up ran (a failed one only logs).</summary>
    public bool Finished { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        var elapsed = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var contracts = Task.Run(BuildJsonContracts, limit.Token);
            await OpenConnections(limit.Token);
            await TakeMartenPaths(limit.Token);
            await DryRunDashboards(limit.Token);
            await DryRequests(limit.Token);
            // The session cookies' key ring, read from the database on first use (sign-in would wait for it).
            protection.CreateProtector(nameof(LedgerWarmUp)).Protect([1]);
            await contracts;
            Finished = true;
            log.LogInformation("Warmed up in {Elapsed:0} ms", elapsed.Elapsed.TotalMilliseconds);
        }
        catch (Exception e)
        {
            // Only speed is at stake: the node starts whatever happened here (GET /health tells of the database).
            log.LogWarning("Warm-up stopped after {Elapsed:0} ms ({Reason}); the first requests will be slower", elapsed.Elapsed.TotalMilliseconds, e.Message);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private async Task OpenConnections(CancellationToken ct)
    {
        var open = await Task.WhenAll(Enumerable.Range(0, PooledConnections).Select(_ => dataSource.OpenConnectionAsync(ct).AsTask()));
        foreach (var connection in open) await connection.DisposeAsync();
    }

    private async Task TakeMartenPaths(CancellationToken ct)
    {
        var nobody = Guid.CreateVersion7();
        await using var session = store.LightweightSession();
        await session.LoadAsync<Experiment>(nobody, ct);
        await session.Events.FetchStreamStateAsync(nobody, ct);
        await session.Events.FetchForWriting<Experiment>(nobody, ct);
        await session.Query<Experiment>().Where(x => x.County == "").Take(1).ToListAsync(ct);
        session.Delete<Experiment>(nobody);
        await session.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The dashboards' projection over one made-up proposal, in a session that is never saved: the
    /// first real command after a start would otherwise pay for it beside its own request.
    /// </summary>
    private async Task DryRunDashboards(CancellationToken ct)
    {
        await using var neverSaved = store.LightweightSession();
        var proposed = new ExperimentProposed("-", "-", CountyCatalog.All[0].Slug, null, null, ["-"], "-");
        IEvent e = new Event<ExperimentProposed>(proposed) { StreamId = Guid.CreateVersion7(), Version = 1, Sequence = 1, Timestamp = clock.GetUtcNow() };
        await new DashboardProjection().ApplyAsync(neverSaved, [e], ct);
    }

    /// <summary>
    /// Requests that store nothing, sent straight to their endpoints (no socket, no sign-in): the live
    /// dashboards, read from their precomputed documents, and a proposal refused for its empty body,
    /// which takes the command's whole pipeline up to its validation, session included.
    /// </summary>
    private static readonly (string Method, string Route, string? Body)[] DryRuns =
    [
        ("GET", "/api/dashboards/funnel", null),
        ("GET", "/api/dashboards/pilots", null),
        ("GET", "/api/dashboards/participation", null),
        ("POST", "/api/experiments", "{}"),
    ];

    private async Task DryRequests(CancellationToken ct)
    {
        var reader = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(LedgerUser.SubjectClaim, nameof(LedgerWarmUp)),
            new Claim(LedgerUser.RoleClaim, Roles.Leadership),
            new Claim(LedgerUser.CountyClaim, LedgerUser.AllCounties),
        ], nameof(LedgerWarmUp), LedgerUser.SubjectClaim, LedgerUser.RoleClaim));
        foreach (var (method, route, body) in DryRuns)
        {
            var endpoint = endpoints.Endpoints.OfType<RouteEndpoint>().FirstOrDefault(e =>
                e.RoutePattern.RawText == route && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) == true);
            if (endpoint?.RequestDelegate is not { } handle) continue;
            await using var scope = scopes.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = reader, RequestAborted = ct };
            context.Request.Method = method;
            context.Request.Path = route;
            context.Response.Body = new MemoryStream();
            if (body is not null)
            {
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            }
            context.SetEndpoint(endpoint);
            await handle(context);
        }
    }

    /// <summary>Marten's serializer for events and documents, the HTTP serializer for every endpoint's body and answers.</summary>
    private void BuildJsonContracts()
    {
        var serializer = store.Options.Serializer();
        var stored = LedgerEventTypes.Current.Concat(store.Options.AllKnownDocumentTypes().Select(m => m.DocumentType)).Distinct();
        foreach (var type in stored.Where(t => t.Namespace?.StartsWith(nameof(ProjectLedger)) == true && !t.IsAbstract))
        {
            try
            {
                var json = serializer.ToJson(RuntimeHelpers.GetUninitializedObject(type));
                using var read = new MemoryStream(Encoding.UTF8.GetBytes(json));
                serializer.FromJson(type, read);
            }
            catch (Exception e) when (e is JsonException or NotSupportedException or NullReferenceException or InvalidOperationException)
            {
                // An empty instance need not round-trip: the contract is built all the same.
            }
        }

        var options = http.Value.SerializerOptions;
        var exchanged = endpoints.Endpoints.SelectMany(e => e.Metadata)
            .SelectMany(m => m switch
            {
                IProducesResponseTypeMetadata produces when produces.Type is { } type => [type],
                IAcceptsMetadata { RequestType: { } type } => [type],
                _ => Array.Empty<Type>(),
            })
            .Where(t => t != typeof(void) && !t.IsAssignableTo(typeof(IResult)))
            .Distinct();
        foreach (var type in exchanged) options.GetTypeInfo(type);
    }
}
