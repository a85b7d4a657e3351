using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectLedger.Audit;
using ProjectLedger.Tests.Dashboards;
using ProjectLedger.Tests.Infrastructure;
using Shouldly;

namespace ProjectLedger.Tests.Audit;

[Collection(LedgerCollection.Name)]
public sealed class DigestAndTimeTravelTests(LedgerApp app)
{
    private DailyDigest Digests => app.Host.Services.GetRequiredService<DailyDigest>();

    [Fact]
    public async Task a_digest_checks_clean_and_then_catches_a_rewritten_stream()
    {
        var flow = new DashboardFlow(app);
        var id = await flow.Propose("Palvelutori: yhteiskehitetty palvelualusta");
        await flow.Plan(id);
        var folder = Path.Combine(Path.GetTempPath(), "ledger-digest-" + Guid.NewGuid().ToString("N"));
        var path = await Digests.WriteAsync(folder, CancellationToken.None);

        (await Digests.CheckAsync(path, CancellationToken.None)).Passed.ShouldBeTrue();

        // Someone with database access rewrites version 2 and recomputes its hash so the chain looks whole.
        await using (var connection = await app.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
        {
            await using var command = new NpgsqlCommand($$"""
                update {{app.Schema}}.mt_events set data = jsonb_set(data, '{hypothesis}', '"Muutettu jälkikäteen"') where stream_id = @id and version = 2;
                update {{app.Schema}}.mt_events e set headers = e.headers || jsonb_build_object('hash', encode(sha256(convert_to(concat_ws(E'\n',
                    e.stream_id::text, e.version::text, e.type, to_char(e.timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    e.data::text, e.headers ->> 'previousHash'), 'UTF8')), 'hex'))
                 where stream_id = @id and version = 2;
                """, connection);
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync();
        }

        var check = await Digests.CheckAsync(path, CancellationToken.None);
        check.SignatureValid.ShouldBeTrue();
        check.Passed.ShouldBeFalse();
        check.Problems.ShouldContain(p => p.Contains(id.ToString()));
    }

    [Fact]
    public async Task an_altered_digest_file_fails_its_signature()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ledger-digest-" + Guid.NewGuid().ToString("N"));
        await new DashboardFlow(app).Propose();
        var path = await Digests.WriteAsync(folder, CancellationToken.None);
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("\"version\": 1", "\"version\": 2"));
        (await Digests.CheckAsync(path, CancellationToken.None)).SignatureValid.ShouldBeFalse();
    }

    [Fact]
    public async Task the_funnel_at_a_past_time_is_built_from_the_events_up_to_then()
    {
        var flow = new DashboardFlow(app);
        var a = await flow.Propose();
        await flow.Propose();
        var history = await flow.National.Get($"/api/experiments/{a}/history");
        var proposedAt = history[0]!["timestamp"]!.GetValue<DateTimeOffset>();
        await Task.Delay(20);
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        await flow.Plan(a);
        await flow.CaughtUp();

        var then = await flow.National.Get($"/api/dashboards/funnel?theme={flow.Theme}&at={Uri.EscapeDataString(before.ToString("O"))}");
        then["total"]!.GetValue<int>().ShouldBe(2);
        then["stages"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == "Idea")!["current"]!.GetValue<int>().ShouldBe(2);
        then["stages"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == "Planned")!["current"]!.GetValue<int>().ShouldBe(0);

        var now = await flow.National.Get($"/api/dashboards/funnel?theme={flow.Theme}");
        now["stages"]!.AsArray().Single(s => s!["stage"]!.GetValue<string>() == "Planned")!["current"]!.GetValue<int>().ShouldBe(1);

        var beforeAnything = await flow.National.Get(
            $"/api/dashboards/funnel?theme={flow.Theme}&at={Uri.EscapeDataString(proposedAt.AddSeconds(-1).ToString("O"))}");
        beforeAnything["total"]!.GetValue<int>().ShouldBe(0);
    }
}
