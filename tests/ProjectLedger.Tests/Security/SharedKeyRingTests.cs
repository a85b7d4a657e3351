using System.Net;
using System.Net.Http.Json;
using Npgsql;
using ProjectLedger.Tests.Infrastructure;
using ProjectLedger.Tests.Processes;
using Shouldly;

namespace ProjectLedger.Tests.Security;

/// <summary>Session cookies are encrypted with the data protection key ring, which all nodes read from PostgreSQL.</summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task a_session_cookie_from_one_node_opens_the_session_on_another()
    {
        var schema = "k_" + Guid.NewGuid().ToString("N")[..12];
        await using var first = await LedgerApp.Start(schema, new Dictionary<string, string?>());
        await using var second = await LedgerApp.Start(schema, new Dictionary<string, string?>());

        var cookie = await SignIn(first.Server.CreateClient());
        (await Funnel(second.Server.CreateClient(), cookie)).ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The control: nodes with key rings of their own (LEDGER_KEYS_DIR apart) do not read each other's cookies.</summary>
    [Fact]
    public async Task nodes_with_key_rings_of_their_own_refuse_each_others_cookies()
    {
        var schema = "k_" + Guid.NewGuid().ToString("N")[..12];
        await using var first = await LedgerApp.Start(schema, new Dictionary<string, string?> { ["LEDGER_KEYS_DIR"] = Directory.CreateTempSubdirectory("keys-a-").FullName });
        await using var second = await LedgerApp.Start(schema, new Dictionary<string, string?> { ["LEDGER_KEYS_DIR"] = Directory.CreateTempSubdirectory("keys-b-").FullName });

        var cookie = await SignIn(first.Server.CreateClient());
        (await Funnel(first.Server.CreateClient(), cookie)).ShouldBe(HttpStatusCode.OK);
        (await Funnel(second.Server.CreateClient(), cookie)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task db_apply_makes_the_first_key_once_so_nodes_starting_together_share_it()
    {
        var schema = "k_" + Guid.NewGuid().ToString("N")[..12];
        var env = AppCommand.OnTestDatabase(schema);
        foreach (var _ in new[] { 1, 2 })
        {
            var run = await AppCommand.Run(env, "db-apply");
            run.ExitCode.ShouldBe(0, run.ToString());
        }
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {schema}.mt_doc_dataprotectionkey", connection);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(1);
    }

    private static async Task<string> SignIn(HttpClient client)
    {
        var login = await client.PostAsJsonAsync("/api/demo/login", new { user = "kaisa", role = "leadership", county = "*" });
        login.StatusCode.ShouldBe(HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__ledger_session", StringComparison.Ordinal));
        return cookie[..cookie.IndexOf(';')];
    }

    private static async Task<HttpStatusCode> Funnel(HttpClient client, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboards/funnel");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
