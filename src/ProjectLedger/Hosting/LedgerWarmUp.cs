using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using JasperFx.Events;
using Npgsql;
using ProjectLedger.Counties;
using ProjectLedger.Dashboards;
using ProjectLedger.Experiments;
using ProjectLedger.Projects;
using Marten.Exceptions;
using Marten.Services;
using ProjectLedger.Security;

namespace ProjectLedger.Hosting;

/// <summary>
/// Before the node listens, it does once what the first requests after a deploy would otherwise do on
/// a user's time: open pooled connections, read and write a filled-in sample of every event, document,
/// request and response, take Marten's read paths and its append path up to PostgreSQL's refusal in a
/// read-only transaction, and send the dashboards, the lists and a refused proposal through sign-in,
/// the access policy and their endpoints. Nothing is appended: a rolled-back append would take a
/// sequence number, and the projections wait out such a gap. A warm-up that fails only costs speed,
/// never the start.
/// </summary>
public sealed class LedgerWarmUp(
    IDocumentStore store, NpgsqlDataSource dataSource, EndpointDataSource endpoints, IServiceScopeFactory scopes,
    IDataProtectionProvider protection, IOptions<JsonOptions> http, LedgerOptions ledger, TokenIssuer tokens, TimeProvider clock, ILogger<LedgerWarmUp> log) : IHostedService
{
    private const int PooledConnections = 4;

    /// <summary>Whether the whole warm-up ran (a failed one only logs).</summary>
    public bool Finished { get; private set; }

    /// <summary>Each dry request ("GET /api/projects") and the status it was answered with.</summary>
    public IReadOnlyDictionary<string, int> Answered => _answered;
    private readonly Dictionary<string, int> _answered = [];

    public async Task StartAsync(CancellationToken ct)
    {
        var elapsed = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var stored = Task.Run(ReadAndWriteStoredSamples, limit.Token);
            var exchanged = Task.Run(ReadAndWriteExchangedSamples, limit.Token);
            await OpenConnections(limit.Token);
            var experiment = await TakeMartenPaths(limit.Token);
            await RefusedAppends(await stored, experiment, limit.Token);
            await DryRunDashboards(limit.Token);
            await DryRequests(experiment, limit.Token);
            // The session cookies' key ring, read from the database on first use (sign-in would wait for it).
            protection.CreateProtector(nameof(LedgerWarmUp)).Protect([1]);
            await exchanged;
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

    /// <summary>
    /// A stream state read and a unit of work that commits (deleting a document that does not exist);
    /// answers an experiment that exists, when there is one, for the later steps to read and fetch a
    /// row as the first requests after a deploy do.
    /// </summary>
    private async Task<Guid> TakeMartenPaths(CancellationToken ct)
    {
        var nobody = Guid.CreateVersion7();
        await using var session = store.LightweightSession();
        await session.Events.FetchStreamStateAsync(nobody, ct);
        var existing = await session.Query<Experiment>().Select(x => x.Id).Take(1).ToListAsync(ct);
        session.Delete<Experiment>(nobody);
        await session.SaveChangesAsync(ct);
        return existing.Count > 0 ? existing[0] : nobody;
    }

    /// <summary>
    /// The append path to its last step: an experiment's and a project's whole life (every event type,
    /// filled in by JsonSamples) started as new streams, and appended to a fetched experiment,
    /// each saved in a read-only transaction. PostgreSQL refuses the append function's first insert,
    /// before it takes a sequence number, so the projections see no gap. Marten's only trace is its
    /// tombstone stream (no events), which any refused append leaves.
    /// </summary>
    private async Task RefusedAppends(IReadOnlyDictionary<Type, object> samples, Guid experiment, CancellationToken ct)
    {
        var experimentLife = LedgerEventTypes.Experiment.OrderBy(t => t != typeof(ExperimentProposed)).Select(t => samples.GetValueOrDefault(t)).OfType<object>().ToList();
        var projectLife = LedgerEventTypes.Project.Select(t => samples.GetValueOrDefault(t)).OfType<object>().ToList();
        await Refused(session => session.Events.StartStream<Experiment>(Guid.CreateVersion7(), experimentLife), ct);
        await Refused(session => session.Events.StartStream<Project>(Guid.CreateVersion7(), projectLife), ct);
        await Refused(async session =>
        {
            var stream = await session.Events.FetchForWriting<Experiment>(experiment, ct);
            stream.AppendMany(experimentLife.Skip(1));
        }, ct);
    }

    private Task Refused(Action<IDocumentSession> stage, CancellationToken ct) =>
        Refused(session => { stage(session); return Task.CompletedTask; }, ct);

    private async Task Refused(Func<IDocumentSession, Task> stage, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var readOnly = new NpgsqlCommand("set transaction read only", connection, tx)) await readOnly.ExecuteNonQueryAsync(ct);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(tx, shouldAutoCommit: false));
        // The refusal is expected: Marten need not log it as a failed command.
        session.Logger = new Unlogged();
        await stage(session);
        try
        {
            await session.SaveChangesAsync(ct);
            throw new InvalidOperationException("PostgreSQL accepted a write in a read-only transaction");
        }
        catch (MartenCommandException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction })
        {
        }
        await tx.RollbackAsync(ct);
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
    /// Requests that store nothing, sent straight to their endpoints (no socket): the dashboards, the
    /// lists, an experiment (one that exists, when there is one) and its history, the public catalogue, and a proposal refused for its empty body, which takes the command's whole pipeline up to
    /// its validation, session included.
    /// </summary>
    private static readonly (string Method, string Route, string Query, string? Body)[] DryRuns =
    [
        ("GET", "/api/dashboards/funnel", "", null),
        ("GET", "/api/dashboards/pilots", "", null),
        ("GET", "/api/dashboards/participation", "", null),
        ("GET", "/api/dashboards/counties", "", null),
        // One county's goals and success factors (computed when read): the node starts as fast on a big ledger.
        ("GET", "/api/dashboards/goals", "?county=" + CountyCatalog.All[0].Slug, null),
        ("GET", "/api/dashboards/factors", "?county=" + CountyCatalog.All[0].Slug, null),
        ("GET", "/api/experiments", "?pageSize=1", null),
        ("GET", "/api/projects", "", null),
        ("GET", "/api/experiments/{id}", "", null),
        ("GET", "/api/experiments/{id}/history", "", null),
        ("GET", "/api/public/operating-models", "", null),
        ("GET", "/api/public/operating-models/{id}", "", null),
        ("POST", "/api/experiments", "", "{}"),
    ];

    private async Task DryRequests(Guid experiment, CancellationToken ct)
    {
        var reader = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(LedgerUser.SubjectClaim, nameof(LedgerWarmUp)),
            new Claim(LedgerUser.RoleClaim, Roles.Leadership),
            new Claim(LedgerUser.CountyClaim, LedgerUser.AllCounties),
        ], nameof(LedgerWarmUp), LedgerUser.SubjectClaim, LedgerUser.RoleClaim));
        // With a local signing key the requests carry a bearer token (kept in memory, valid a minute), so
        // sign-in and the access policy run as for a caller; without one they start at the endpoint.
        var token = ledger.SigningKey is null ? null : tokens.Issue(nameof(LedgerWarmUp), Roles.Leadership, LedgerUser.AllCounties, TimeSpan.FromMinutes(1));
        foreach (var (method, route, query, body) in DryRuns)
        {
            var endpoint = endpoints.Endpoints.OfType<RouteEndpoint>().FirstOrDefault(e =>
                e.RoutePattern.RawText == route && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) == true);
            if (endpoint?.RequestDelegate is not { } handle) continue;
            await using var scope = scopes.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = reader, RequestAborted = ct };
            context.Request.Method = method;
            context.Request.Path = route.Replace("{id}", experiment.ToString());
            if (route.Contains("{id}")) context.Request.RouteValues = new RouteValueDictionary { ["id"] = experiment.ToString() };
            context.Request.QueryString = new QueryString(query);
            context.Response.Body = new MemoryStream();
            if (body is not null)
            {
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
            }
            context.SetEndpoint(endpoint);
            if (token is null)
            {
                await handle(context);
            }
            else
            {
                context.Request.Headers.Authorization = "Bearer " + token;
                var signedIn = await context.AuthenticateAsync();
                context.User = signedIn.Principal ?? new ClaimsPrincipal(new ClaimsIdentity());
                var services = scope.ServiceProvider;
                var policy = (await services.GetRequiredService<IAuthorizationPolicyProvider>().GetDefaultPolicyAsync())!;
                var decided = await services.GetRequiredService<IPolicyEvaluator>().AuthorizeAsync(policy, signedIn, context, endpoint);
                await services.GetRequiredService<IAuthorizationMiddlewareResultHandler>().HandleAsync(handle, context, policy, decided);
            }
            _answered[$"{method} {route}"] = context.Response.StatusCode;
        }
    }

    /// <summary>
    /// Every event and document read by Marten's serializer from a filled-in sample (JsonSamples) and
    /// written back; answers the events read, for the refused appends.
    /// </summary>
    private IReadOnlyDictionary<Type, object> ReadAndWriteStoredSamples()
    {
        var serializer = store.Options.Serializer();
        var read = new Dictionary<Type, object>();
        var stored = LedgerEventTypes.Current.Concat(store.Options.AllKnownDocumentTypes().Select(m => m.DocumentType)).Distinct();
        foreach (var type in stored.Where(t => t.Namespace?.StartsWith(nameof(ProjectLedger)) == true && !t.IsAbstract))
            RoundTrip(type, json =>
            {
                using var body = new MemoryStream(Encoding.UTF8.GetBytes(json));
                if (serializer.FromJson(type, body) is not { } instance) return;
                serializer.ToJson(instance);
                read[type] = instance;
            });
        return read;
    }

    /// <summary>Every endpoint's body and answer, read and written by the HTTP serializer from a filled-in sample.</summary>
    private void ReadAndWriteExchangedSamples()
    {
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
        foreach (var type in exchanged)
            RoundTrip(type, json => JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type, options), type, options));
    }

    private void RoundTrip(Type type, Action<string> readAndWrite)
    {
        try
        {
            readAndWrite(JsonSamples.For(type, http.Value.SerializerOptions)?.ToJsonString() ?? "null");
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or NullReferenceException or InvalidOperationException or ArgumentException or FormatException)
        {
            // A sample need not make a valid instance (a constructor may refuse it): the contract is built all the same.
        }
    }

    private sealed class Unlogged : IMartenSessionLogger
    {
        public void LogSuccess(NpgsqlCommand command) { }
        public void LogFailure(NpgsqlCommand command, Exception ex) { }
        public void LogSuccess(NpgsqlBatch batch) { }
        public void LogFailure(NpgsqlBatch batch, Exception ex) { }
        public void LogFailure(Exception ex, string message) { }
        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
        public void OnBeforeExecute(NpgsqlCommand command) { }
        public void OnBeforeExecute(NpgsqlBatch batch) { }
    }
}
